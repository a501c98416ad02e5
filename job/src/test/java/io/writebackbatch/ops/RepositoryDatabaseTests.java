package io.writebackbatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The run lock's kind follows the product the driver reports, whatever the configured URL
 * looks like.
 */
class RepositoryDatabaseTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					PostgreSQL | jdbc:postgresql://db:5432/writeback                | jdbc:postgresql://db:5432/writeback         | POSTGRESQL
					PostgreSQL | jdbc:postgresql://db:5432/writeback                | jdbc:otel:postgresql://db:5432/writeback    | POSTGRESQL
					PostgreSQL | jdbc:postgresql://db:5432/writeback                | jdbc:aws-wrapper:postgresql://db/writeback  | POSTGRESQL
					H2         | jdbc:h2:file:./data/writeback                      | jdbc:h2:file:./data/writeback;WRITE_DELAY=0 | H2_EMBEDDED_FILE
					H2         | jdbc:h2:./data/writeback                           | jdbc:p6spy:h2:./data/writeback              | H2_EMBEDDED_FILE
					H2         | jdbc:h2:file:./data/writeback                      | jdbc:h2:file:./data/writeback;AUTO_SERVER=TRUE | H2_OTHER
					H2         | jdbc:h2:mem:test                                   | jdbc:h2:mem:test                            | H2_OTHER
					H2         | jdbc:h2:tcp://db:9092/writeback                    | jdbc:h2:tcp://db:9092/writeback             | H2_OTHER
					MySQL      | jdbc:mysql://db/writeback                          | jdbc:mysql://db/writeback                   | OTHER
					""")
	void kindByProduct(String product, String metadataUrl, String configuredUrl, RepositoryDatabase.Kind expected) {
		assertThat(RepositoryDatabase.kind(product, metadataUrl, configuredUrl)).isEqualTo(expected);
	}

}
