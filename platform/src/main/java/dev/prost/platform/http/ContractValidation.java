package dev.prost.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;

/**
 * An operation's validation step, in place of the router builder's own: the validated request
 * under the builder's metadata key, and a 400 {@link HttpException} on failure. A request that
 * only carries a UUID path parameter takes the {@link UuidPathShortcut}.
 */
final class ContractValidation implements Handler<RoutingContext> {

  private final ContractRequestExtractor extractor;
  private final InlineRequestValidator validator;
  private final Operation operation;
  private final UuidPathShortcut shortcut;

  ContractValidation(ContractRequestExtractor extractor, InlineRequestValidator validator, Operation operation) {
    this.extractor = extractor;
    this.validator = validator;
    this.operation = operation;
    this.shortcut = UuidPathShortcut.of(operation);
  }

  @Override
  public void handle(RoutingContext rc) {
    ValidatedRequest quick = shortcut == null ? null : shortcut.tryValidate(rc);
    if (quick != null) {
      rc.put(ContractRequestExtractor.OPERATION, operation);
      rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, quick);
      rc.next();
      return;
    }
    extractor.extractValidatableRequest(rc, operation)
        .compose(request -> validator.validate(request, operation))
        .onSuccess(validated -> {
          rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
          rc.next();
        })
        .onFailure(e -> rc.fail(e instanceof ValidatorException ? new HttpException(400, e.getMessage(), e) : e));
  }
}
