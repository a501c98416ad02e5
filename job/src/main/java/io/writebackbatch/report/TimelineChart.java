package io.writebackbatch.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The apply timeline as plain geometry for inline SVG: changes per second, 429 answers
 * per second and Graph requests in flight, one line each on its own scale (each line's
 * peak is printed in the legend), over seconds since the first sample.
 */
record TimelineChart(String id, String title, String caption, int width, int height, List<Line> lines,
		List<Tick> ticks) {

	private static final int WIDTH = 640;

	private static final int HEIGHT = 220;

	private static final int LEFT = 10;

	private static final int TOP = 30;

	private static final int PLOT_HEIGHT = 160;

	private static final int PLOT_WIDTH = WIDTH - 2 * LEFT;

	/** {@code points} is an SVG polyline's points attribute. */
	record Line(String name, String series, String points, String peak, int legendX) {
	}

	record Tick(String label, double x, int y) {
	}

	/**
	 * A rate or level per sample, and when it was taken (seconds since the first sample).
	 */
	private record Point(double seconds, double value) {
	}

	static TimelineChart of(List<ApplyTimeline.Sample> samples) {
		List<Point> changes = rates(samples, ApplyTimeline.Sample::applied);
		List<Point> throttled = rates(samples, ApplyTimeline.Sample::throttled);
		List<Point> inFlight = new ArrayList<>();
		for (ApplyTimeline.Sample sample : samples) {
			inFlight.add(new Point(secondsSinceStart(samples, sample), sample.inFlight()));
		}
		double span = Math.max(1, secondsSinceStart(samples, samples.get(samples.size() - 1)));
		List<Line> lines = List.of(line("changes/s", "s0", changes, span, LEFT),
				line("429 answers/s", "s2", throttled, span, LEFT + 210),
				line("requests in flight", "s1", inFlight, span, LEFT + 420));
		List<Tick> ticks = new ArrayList<>();
		for (int i = 0; i <= 4; i++) {
			double seconds = span * i / 4;
			ticks.add(new Tick(Human.duration(Duration.ofMillis((long) (seconds * 1000))), LEFT + PLOT_WIDTH * i / 4.0,
					TOP + PLOT_HEIGHT + 16));
		}
		return new TimelineChart("timeline", "Apply timeline",
				"Sampled once a second while the run applied; each line on its own scale, its peak in the legend.",
				WIDTH, HEIGHT, lines, ticks);
	}

	private static Line line(String name, String series, List<Point> points, double span, int legendX) {
		double peak = points.stream().mapToDouble(Point::value).max().orElse(0);
		StringBuilder svgPoints = new StringBuilder();
		for (Point p : points) {
			double x = LEFT + PLOT_WIDTH * p.seconds() / span;
			double y = TOP + PLOT_HEIGHT - (peak == 0 ? 0 : PLOT_HEIGHT * p.value() / peak);
			svgPoints.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
		}
		return new Line(name, series, svgPoints.toString().trim(),
				"peak " + String.format(Locale.ENGLISH, "%,.0f", peak), legendX);
	}

	/**
	 * Per-second rates between consecutive samples; a counter that fell started again
	 * from zero (a resumed run).
	 */
	private static List<Point> rates(List<ApplyTimeline.Sample> samples,
			ToDoubleFunction<ApplyTimeline.Sample> counter) {
		List<Point> rates = new ArrayList<>();
		for (int i = 1; i < samples.size(); i++) {
			double now = counter.applyAsDouble(samples.get(i));
			double before = counter.applyAsDouble(samples.get(i - 1));
			double delta = now >= before ? now - before : now;
			double seconds = Math.max(0.001,
					Duration.between(samples.get(i - 1).at(), samples.get(i).at()).toMillis() / 1000.0);
			rates.add(new Point(secondsSinceStart(samples, samples.get(i)), delta / seconds));
		}
		return rates;
	}

	private static double secondsSinceStart(List<ApplyTimeline.Sample> samples, ApplyTimeline.Sample sample) {
		return Duration.between(samples.get(0).at(), sample.at()).toMillis() / 1000.0;
	}
}
