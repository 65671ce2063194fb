package dev.prost.platform.http;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a contract validation failure (vertx-openapi 5.0.x) into a 400 problem whose
 * {@code errors} name the offending fields as JSON paths: {@code name},
 * {@code items[0].quantity}, or a parameter's name such as {@code size}.
 */
final class ValidationProblems {

  private static final Pattern REQUIRED = Pattern.compile("^Instance does not have required property \"(.*)\"$");
  private static final Pattern NOT_ALLOWED = Pattern.compile("^Property \"(.*)\" does not match additional properties schema$");

  private static final String NOT_ALLOWED_MESSAGE = "is not allowed";

  private ValidationProblems() {}

  /** The 400 problem, or null when the failure is not the client's (a contract/operation mismatch). */
  static Problem of(ValidatorException e, Operation operation) {
    List<Problem.FieldError> errors = switch (e.type()) {
      case MISSING_OPERATION, MISSING_RESPONSE -> null;
      default -> fieldErrors(e, operation);
    };
    if (errors == null) {
      return null;
    }
    Problem.FieldError first = errors.get(0);
    return new Problem(Problem.BASE + "validation", "Invalid request", 400,
        first.field() + ": " + first.message(), errors);
  }

  private static List<Problem.FieldError> fieldErrors(ValidatorException e, Operation operation) {
    // the exceptions do not carry the parameter, only its name inside their message
    String parameter = parameterNamedIn(e.getMessage(), operation);
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null
        && schema.getOutputUnit().getErrors() != null) {
      List<Problem.FieldError> errors = fromSchemaErrors(schema.getOutputUnit().getErrors(), parameter);
      if (!errors.isEmpty()) {
        return errors;
      }
    }
    if (parameter == null && e.type() == ValidatorErrorType.ILLEGAL_VALUE) {
      // a %-escape of the path or a header that does not decode: no field to name
      return List.of(new Problem.FieldError("url", "cannot be decoded"));
    }
    String message = switch (e.type()) {
      case MISSING_REQUIRED_PARAMETER -> "is required";
      case INVALID_VALUE_FORMAT, UNSUPPORTED_VALUE_FORMAT -> "is not in the expected format";
      case ILLEGAL_VALUE -> "cannot be decoded";
      default -> "is invalid";
    };
    return List.of(new Problem.FieldError(parameter == null ? "body" : parameter, message));
  }

  private static String parameterNamedIn(String message, Operation operation) {
    if (operation == null || message == null) {
      return null;
    }
    String found = null;
    for (Parameter p : operation.getParameters()) {
      String mention = p.getIn().name().toLowerCase() + " parameter " + p.getName();
      int at = message.indexOf(mention);
      int end = at + mention.length();
      boolean whole = at >= 0 && (end == message.length() || " .".indexOf(message.charAt(end)) >= 0);
      if (whole && (found == null || p.getName().length() > found.length())) {
        found = p.getName();
      }
    }
    return found;
  }

  /**
   * The leaf errors of a "Basic" json-schema output. The list is flat: an error wrapping
   * the errors of a sub-schema ({@code properties}, {@code items}, {@code $ref}...) comes
   * before them and its keyword location is a prefix of theirs; those wrappers are dropped.
   */
  private static List<Problem.FieldError> fromSchemaErrors(List<OutputUnit> units, String parameter) {
    Set<Problem.FieldError> errors = new LinkedHashSet<>();
    for (int i = 0; i < units.size(); i++) {
      OutputUnit unit = units.get(i);
      if (wrapsLaterError(unit, units.subList(i + 1, units.size()))) {
        continue;
      }
      String path = toPath(unit.getInstanceLocation());
      String message = unit.getError();
      Matcher required = REQUIRED.matcher(message == null ? "" : message);
      Matcher notAllowed = NOT_ALLOWED.matcher(message == null ? "" : message);
      if (required.matches()) {
        path = join(path, required.group(1));
        message = "is required";
      } else if (notAllowed.matches()) {
        message = NOT_ALLOWED_MESSAGE;
      }
      String field = join(parameter, path);
      errors.add(new Problem.FieldError(field.isEmpty() ? "body" : field, message));
    }
    // a declared property whose value failed its schema counts as "unevaluated", so
    // additionalProperties: false reports it as well; only the real failure is worth saying
    List<Problem.FieldError> result = new ArrayList<>(errors);
    result.removeIf(e -> NOT_ALLOWED_MESSAGE.equals(e.message()) && errors.stream()
        .anyMatch(other -> other != e && !NOT_ALLOWED_MESSAGE.equals(other.message()) && within(other.field(), e.field())));
    return result;
  }

  private static boolean within(String field, String parent) {
    return field.equals(parent) || field.startsWith(parent + ".") || field.startsWith(parent + "[");
  }

  private static boolean wrapsLaterError(OutputUnit unit, List<OutputUnit> later) {
    String prefix = unit.getKeywordLocation() + "/";
    return later.stream().anyMatch(u -> u.getKeywordLocation() != null && u.getKeywordLocation().startsWith(prefix));
  }

  /** {@code #/items/0/quantity} (a JSON pointer, percent-encoded) to {@code items[0].quantity}. */
  static String toPath(String pointer) {
    if (pointer == null) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    // not replaceFirst("^#", ""): a regular expression compiled for every error of every refusal
    String absolute = pointer.startsWith("#") ? pointer.substring(1) : pointer;
    for (String segment : absolute.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.chars().allMatch(Character::isDigit)) {
        path.append('[').append(segment).append(']');
      } else {
        String name = unescape(segment).replace("~1", "/").replace("~0", "~");
        path.append(path.length() == 0 ? "" : ".").append(name);
      }
    }
    return path.toString();
  }

  /**
   * A pointer segment with its %-escapes decoded. The schema library writes each UTF-8 byte
   * outside a small set as "%" and its hex digits without a leading zero ({@code \u0001} is
   * "%1"), so an escape is one or two hex digits; a "%" with none is kept as it is.
   */
  private static String unescape(String segment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      int digits = 0;
      while (c == '%' && digits < 2 && i + 1 + digits < segment.length()
          && Character.digit(segment.charAt(i + 1 + digits), 16) >= 0) {
        digits++;
      }
      if (digits > 0) {
        bytes.write(Integer.parseInt(segment, i + 1, i + 1 + digits, 16));
        i += digits;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String join(String parent, String child) {
    if (parent == null || parent.isEmpty()) {
      return child;
    }
    if (child.isEmpty()) {
      return parent;
    }
    return child.startsWith("[") ? parent + child : parent + "." + child;
  }
}
