package dev.prost.platform.events;

import java.util.UUID;

/** A user account was created; the cart service opens the user's cart. */
public record UserRegistered(UUID userId, String email, String name) implements Event {
}
