package io.writebackbatch.report;

import java.nio.file.Path;

import io.writebackbatch.staging.StagedGroup;
import io.writebackbatch.staging.StagingRepository;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.stereotype.Component;

/**
 * The reader and writer of groups.csv: the job's groupsCsv step uses them as a chunk
 * step; a report written outside the job (a failed or stopped run's partial report,
 * {@code report --run}) pumps the same pair here.
 */
@Component
class GroupsCsvExport {

	static final int PAGE = 1000;

	private final StagingRepository staging;

	GroupsCsvExport(StagingRepository staging) {
		this.staging = staging;
	}

	JdbcPagingItemReader<StagedGroup> reader(long runId) {
		try {
			return staging.reader("groupsCsvReader", runId, "", PAGE, false);
		}
		catch (Exception e) {
			throw new ItemStreamException("cannot read the staged groups of run " + runId + ": " + e.getMessage(), e);
		}
	}

	GroupsCsvWriter writer(Path directory) {
		return new GroupsCsvWriter(directory.resolve(GroupsCsvWriter.FILE));
	}

	void export(long runId, Path directory) {
		JdbcPagingItemReader<StagedGroup> reader = reader(runId);
		GroupsCsvWriter writer = writer(directory);
		ExecutionContext context = new ExecutionContext();
		reader.open(context);
		try {
			writer.open(context);
			Chunk<StagedGroup> chunk = new Chunk<>();
			for (StagedGroup group = reader.read(); group != null; group = reader.read()) {
				chunk.add(group);
				if (chunk.size() == PAGE) {
					writer.write(chunk);
					chunk.clear();
				}
			}
			writer.write(chunk);
		}
		catch (Exception e) {
			throw new ItemStreamException(
					"cannot write " + directory.resolve(GroupsCsvWriter.FILE) + ": " + e.getMessage(), e);
		}
		finally {
			writer.close();
			reader.close();
		}
	}

}
