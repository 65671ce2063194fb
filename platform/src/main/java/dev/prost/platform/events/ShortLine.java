package dev.prost.platform.events;

import java.util.UUID;

/** An order line inventory could not satisfy: how many were asked for and how many were left. */
public record ShortLine(UUID productId, int requested, int available) {
}
