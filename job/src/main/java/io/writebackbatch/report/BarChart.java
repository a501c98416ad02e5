package io.writebackbatch.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A horizontal bar chart as plain geometry (SVG user units), drawn by the report template
 * as inline SVG: one row per category, one bar per series. Bars of every series share one
 * scale.
 */
record BarChart(String id, String title, String caption, int width, int height, List<Legend> legend, List<Row> rows) {

	/**
	 * Room for a label, per character of the longest one (12 px sans-serif), and around
	 * it.
	 */
	private static final double LABEL_CHAR_WIDTH = 7.4;

	private static final int LABEL_MARGIN = 14;

	private static final int BAR_AREA = 240;

	/** Room after the longest bar for its value. */
	private static final int VALUE_WIDTH = 64;

	private static final int BAR_HEIGHT = 14;

	private static final int ROW_GAP = 8;

	private static final int TOP = 28;

	record Legend(String name, String series, int x) {
	}

	record Row(String label, int labelX, int labelY, List<Bar> bars) {
	}

	/** {@code series} is a CSS class (s0, s1, ...): colours live in the stylesheet. */
	record Bar(String series, int x, int y, double width, int height, String value, double valueX, int valueY) {
	}

	/** One category: its label and one value per series. */
	record Category(String label, long... values) {
	}

	static BarChart of(String id, String title, String caption, List<String> series, List<Category> categories) {
		int labelWidth = LABEL_MARGIN + (int) Math
			.ceil(LABEL_CHAR_WIDTH * categories.stream().mapToInt(c -> c.label().length()).max().orElse(0));
		long max = Math.max(1, categories.stream().flatMapToLong(c -> Arrays.stream(c.values())).max().orElse(1));
		List<Row> rows = new ArrayList<>();
		int y = TOP;
		for (Category category : categories) {
			List<Bar> bars = new ArrayList<>();
			for (int s = 0; s < series.size(); s++) {
				double width = category.values()[s] == 0 ? 0
						: Math.max(1, (double) BAR_AREA * category.values()[s] / max);
				int barY = y + s * BAR_HEIGHT;
				bars.add(new Bar("s" + s, labelWidth, barY, width, BAR_HEIGHT - 2, Human.count(category.values()[s]),
						labelWidth + width + 6, barY + BAR_HEIGHT - 4));
			}
			rows.add(new Row(category.label(), labelWidth - 6, y + series.size() * BAR_HEIGHT / 2 + 4, bars));
			y += series.size() * BAR_HEIGHT + ROW_GAP;
		}
		List<Legend> legend = new ArrayList<>();
		for (int s = 0; s < series.size(); s++) {
			legend.add(new Legend(series.get(s), "s" + s, labelWidth + s * 110));
		}
		return new BarChart(id, title, caption, labelWidth + BAR_AREA + VALUE_WIDTH, y, legend, rows);
	}
}
