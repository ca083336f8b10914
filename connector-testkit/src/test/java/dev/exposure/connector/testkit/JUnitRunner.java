package dev.exposure.connector.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs a test class in-process, so tests can prove that testkit suites and extensions fail. */
final class JUnitRunner {
    private JUnitRunner() { }

    static TestExecutionSummary run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        execute(testClass, listener);
        return listener.getSummary();
    }

    /** @return the display name and reason of every test the run skipped, in order */
    static Map<String, String> skipped(Class<?> testClass) {
        Map<String, String> skipped = new LinkedHashMap<>();
        execute(testClass, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                skipped.put(test.getDisplayName(), reason);
            }
        });
        return skipped;
    }

    private static void execute(Class<?> testClass, TestExecutionListener listener) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameter(OnlyThroughJUnitRunner.PARAMETER, "true").build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, listener);
    }
}
