package org.guildhall.platform.control;

/**
 * Fired once at start-up when the database holds no accounts and demo content is switched on.
 * Each component that owns content observes it and adds its own part, in the order of the
 * observers' {@code @Priority}, so the platform never needs to know their entities.
 */
public record DemoSeeding() {
}
