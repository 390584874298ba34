package org.guildhall.platform.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;

/**
 * Every {@link Instant} attribute, stored as TIMESTAMP WITH TIME ZONE. EclipseLink 5.0.0-B08's
 * own Instant mapping writes fine but cannot read the column back from H2, and the drivers
 * return different types for it (H2: OffsetDateTime, PostgreSQL: Timestamp), so the column
 * side is left open and each type is read here.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, Object> {

    @Override
    public Object convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public Instant convertToEntityAttribute(Object value) {
        return switch (value) {
            case null -> null;
            case OffsetDateTime offset -> offset.toInstant();
            case ZonedDateTime zoned -> zoned.toInstant();
            case Timestamp timestamp -> timestamp.toInstant();
            case Date date -> date.toInstant();
            case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
            case Instant instant -> instant;
            default -> throw new IllegalArgumentException("Not a point in time: " + value.getClass().getName());
        };
    }
}
