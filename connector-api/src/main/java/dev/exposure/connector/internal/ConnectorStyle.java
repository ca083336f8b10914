package dev.exposure.connector.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style shared by every value type of the SDK: generated implementations are
 * package-private and never appear in a signature; users build values through each type's
 * public {@code Builder}. Generated classes carry no {@code @Generated} annotation, so host builds
 * need no Immutables jar and see no warnings.
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
        defaultAsDefault = true,
        // no @Generated on generated classes: its type is compile-only here, and javac in a host
        // build would warn (and fail under -Werror) that it cannot find its annotation methods
        allowedClasspathAnnotations = {Override.class})
public @interface ConnectorStyle {}
