package dev.exposure.connector.testkit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables a deliberately failing sample test class unless {@link JUnitRunner} runs it, so that
 * surefire patterns such as {@code -Dtest='*Contract*'} do not pick it up.
 */
final class OnlyThroughJUnitRunner implements ExecutionCondition {
    static final String PARAMETER = "testkit.self-test";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).map(Boolean::parseBoolean).orElse(false)
                ? ConditionEvaluationResult.enabled("run by JUnitRunner")
                : ConditionEvaluationResult.disabled("a sample for JUnitRunner only");
    }
}
