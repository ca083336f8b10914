package dev.exposure.connector.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style shared by every value type of the SDK: generated implementations are
 * package-private and never appear in a signature; users build values through each type's
 * public {@code Builder}.
 *
 * <p>Internal: no compatibility promise.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
        visibility = Value.Style.ImplementationVisibility.PACKAGE,
        overshadowImplementation = true,
        jdkOnly = true,
        init = "*",
        defaultAsDefault = true)
public @interface ConnectorStyle {}
