package org.stica.tests.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A scrape in the Prometheus text exposition format (version 0.0.4), read line by line in the
 * test (no Java parser for the format is at hand): each sample's metric name, labels and value.
 * Label values here are plain (no escaped quotes or commas), which the parser checks.
 */
public final class PrometheusText {
    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            double value = Double.parseDouble(line.substring(space + 1));
            int brace = series.indexOf('{');
            if (brace < 0) {
                samples.add(new Sample(series, Map.of(), value));
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            String body = series.substring(brace + 1, series.length() - 1);
            for (String pair : body.split("\",")) {
                int eq = pair.indexOf("=\"");
                String labelValue = pair.substring(eq + 2).replaceAll("\"$", "");
                if (labelValue.contains("\\")) {
                    throw new IllegalArgumentException("escaped label value: " + line);
                }
                labels.put(pair.substring(0, eq), labelValue);
            }
            samples.add(new Sample(series.substring(0, brace), labels, value));
        }
        return new PrometheusText(samples);
    }

    /** Every sample of {@code name}. */
    public List<Sample> all(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The sum of the samples of {@code name} whose labels pass {@code labels}; 0 when none. */
    public double sum(String name, Predicate<Map<String, String>> labels) {
        return all(name).stream().filter(s -> labels.test(s.labels()))
                .mapToDouble(Sample::value).sum();
    }

    /** The sum of the samples of {@code name} carrying {@code label=value}; 0 when none. */
    public double sum(String name, String label, String value) {
        return sum(name, labels -> value.equals(labels.get(label)));
    }

    /** The one sample of {@code name} with exactly {@code labels}; fails when absent. */
    public double value(String name, Map<String, String> labels) {
        return all(name).stream().filter(s -> s.labels().equals(labels)).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + labels))
                .value();
    }
}
