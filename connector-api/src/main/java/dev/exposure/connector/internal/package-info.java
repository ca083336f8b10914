/** Helpers shared between the SDK's own modules. No compatibility promise; not for users. */
@NullMarked
package dev.exposure.connector.internal;

import org.jspecify.annotations.NullMarked;
