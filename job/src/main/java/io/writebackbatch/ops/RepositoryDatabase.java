package io.writebackbatch.ops;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the job repository is, read from the database itself ({@link DatabaseMetaData})
 * rather than the JDBC URL's prefix, which a wrapping driver or proxy changes: the run
 * lock, the health check and compaction depend on it.
 */
@Component
public class RepositoryDatabase {

	public enum Kind {

		/** session-level advisory locks */
		POSTGRESQL,
		/**
		 * an H2 file opened by this process alone: its file lock keeps other processes
		 * out
		 */
		H2_EMBEDDED_FILE,
		/** H2 in memory, over TCP or with AUTO_SERVER: shared or gone with the process */
		H2_OTHER,
		/** anything else: no run lock */
		OTHER

	}

	private final DataSource dataSource;

	private final String configuredUrl;

	private volatile @Nullable Description description;

	private record Description(Kind kind, String url) {
	}

	public RepositoryDatabase(DataSource dataSource, @Value("${spring.datasource.url:}") String configuredUrl) {
		this.dataSource = dataSource;
		this.configuredUrl = configuredUrl;
	}

	public Kind kind() {
		return describe().kind();
	}

	/**
	 * The embedded H2 database's file ({@code <name>.mv.db}), when the repository is one.
	 */
	public Optional<Path> h2File() {
		Description d = describe();
		if (d.kind() != Kind.H2_EMBEDDED_FILE) {
			return Optional.empty();
		}
		String location = d.url().substring("jdbc:h2:".length());
		location = location.startsWith("file:") ? location.substring("file:".length()) : location;
		int settings = location.indexOf(';');
		location = settings < 0 ? location : location.substring(0, settings);
		return Optional.of(Path.of(location + ".mv.db").toAbsolutePath().normalize());
	}

	private Description describe() {
		Description known = description;
		if (known == null) {
			try (Connection connection = dataSource.getConnection()) {
				DatabaseMetaData meta = connection.getMetaData();
				known = new Description(kind(meta.getDatabaseProductName(), meta.getURL(), configuredUrl),
						meta.getURL());
			}
			catch (SQLException e) {
				throw new IllegalStateException(
						"cannot reach the job repository to tell which database it is: " + e.getMessage(), e);
			}
			description = known;
		}
		return known;
	}

	static Kind kind(String product, String metadataUrl, String configuredUrl) {
		String name = product.toLowerCase(Locale.ROOT);
		if (name.contains("postgres")) {
			return Kind.POSTGRESQL;
		}
		if (name.equals("h2")) {
			String url = metadataUrl.toLowerCase(Locale.ROOT);
			boolean file = url.startsWith("jdbc:h2:file:")
					|| (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
							&& !url.startsWith("jdbc:h2:ssl:") && !url.startsWith("jdbc:h2:zip:"));
			boolean shared = (url + configuredUrl.toLowerCase(Locale.ROOT)).contains("auto_server=true");
			return file && !shared ? Kind.H2_EMBEDDED_FILE : Kind.H2_OTHER;
		}
		return Kind.OTHER;
	}

}
