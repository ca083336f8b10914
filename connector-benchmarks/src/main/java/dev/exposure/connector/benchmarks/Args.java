package dev.exposure.connector.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Minimal {@code --name value} / {@code --flag} argument parsing for the benchmark mains. */
final class Args {
    private final List<String> args;

    Args(String[] args) {
        this.args = List.of(args);
    }

    Optional<String> opt(String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return Optional.empty();
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return Optional.of(args.get(i + 1));
    }

    boolean flag(String name) {
        return args.contains(name);
    }

    String str(String name, String def) {
        return opt(name).orElse(def);
    }

    int intOpt(String name, int def) {
        return opt(name).map(s -> Integer.parseInt(s.replace("_", "").replace(",", ""))).orElse(def);
    }

    long longOpt(String name, long def) {
        return opt(name).map(s -> Long.parseLong(s.replace("_", "").replace(",", ""))).orElse(def);
    }

    double doubleOpt(String name, double def) {
        return opt(name).map(Double::parseDouble).orElse(def);
    }

    /** @return comma-separated integers of the option, or the default */
    List<Integer> ints(String name, List<Integer> def) {
        return opt(name).map(s -> {
            List<Integer> l = new ArrayList<>();
            for (String p : s.split(",")) {
                l.add(Integer.parseInt(p.trim().replace("_", "")));
            }
            return l;
        }).orElse(def);
    }

    /** @return the n-th argument that is neither an option nor an option's value */
    String positional(int n, String def) {
        int seen = 0;
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (s.startsWith("--")) {
                if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    i++;
                }
                continue;
            }
            if (seen++ == n) {
                return s;
            }
        }
        return def;
    }
}
