/**
 * The connector command line: {@code list}, {@code describe}, {@code test}, {@code sync} and
 * {@code demo}, built as one runnable jar ({@code connector-cli/target/connector-cli.jar}). The
 * entry point is {@link dev.exposure.connector.cli.Main}; everything else is package-private.
 * See {@code connector-cli/README.md} for the commands, the exit codes and the config file format.
 */
@NullMarked
package dev.exposure.connector.cli;

import org.jspecify.annotations.NullMarked;
