package io.writebackbatch.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import io.writebackbatch.domain.EffectiveWriteback;
import io.writebackbatch.staging.StagedGroup;

import org.apache.commons.csv.CSVPrinter;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Writes {@code groups.csv}: every group of the run, one record each, with its previous
 * state, decision, reason and outcome. The file is written whole each time the step runs
 * (it is a view of the staging rows, not state).
 */
class GroupsCsvWriter implements ItemStreamWriter<StagedGroup> {

	static final String FILE = "groups.csv";

	static final String[] HEADER = { "id", "displayName", "before", "beforeEffective", "decision", "reasonCode",
			"reason", "target", "outcome", "httpStatus", "errorCode", "error", "requestId", "memberCount" };

	private final Path file;

	private @Nullable CSVPrinter printer;

	GroupsCsvWriter(Path file) {
		this.file = file;
	}

	@Override
	public void open(ExecutionContext context) {
		try {
			Files.createDirectories(file.getParent());
			BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
			printer = SafeCsv.printer(out, HEADER);
		}
		catch (IOException e) {
			throw new ReportFileException(file, e);
		}
	}

	@Override
	public void write(Chunk<? extends StagedGroup> groups) {
		CSVPrinter printer = Objects.requireNonNull(this.printer, "the step opens the writer before writing");
		try {
			for (StagedGroup g : groups) {
				SafeCsv.printRecord(printer, g.groupId(), g.displayName(), EffectiveWriteback.describeRaw(g.previous()),
						EffectiveWriteback.of(g.previous()).describe(), g.decision(), g.reasonCode(), g.reason(),
						g.target() == null ? null : EffectiveWriteback.describeRaw(g.target()), g.outcome(),
						g.httpStatus(), g.errorCode(), g.errorMessage(), g.requestId(), g.memberCount());
			}
			printer.flush();
		}
		catch (IOException e) {
			throw new ReportFileException(file, e);
		}
	}

	@Override
	public void close() {
		if (printer != null) {
			try {
				printer.close();
			}
			catch (IOException e) {
				throw new ReportFileException(file, e);
			}
			printer = null;
		}
	}

}
