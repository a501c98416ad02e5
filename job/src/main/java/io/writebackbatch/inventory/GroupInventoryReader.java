package io.writebackbatch.inventory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.domain.GroupSnapshot;
import io.writebackbatch.graph.GraphAccessException;
import io.writebackbatch.graph.GroupDirectory;
import io.writebackbatch.graph.GroupPage;
import io.writebackbatch.ops.ProgressLog;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads every unified group, page by page. Its checkpoint is the link of the current page
 * plus the position in it, so a restart re-reads at most one page. If Graph refuses a
 * page link as expired (skip tokens expire: a saved link on resume, or a link of this
 * listing when staging is slow) it lists again from the first page, once per run; the
 * writer upserts, so nothing is duplicated. A second expiry stops the run resumable
 * rather than relist for ever.
 */
class GroupInventoryReader implements ItemStreamReader<GroupSnapshot> {

	private static final Logger log = LoggerFactory.getLogger(GroupInventoryReader.class);

	static final String PAGE_LINK = "inventory.pageLink";

	static final String OFFSET = "inventory.offset";

	static final String TOTAL = "inventory.total";

	private final GroupDirectory directory;

	private ListingLoopGuard loops = new ListingLoopGuard();

	private final ProgressLog progress = new ProgressLog("inventory", Duration.ofSeconds(10));

	/** The link that produced {@link #page}; null for the first page. */
	private @Nullable String pageLink;

	private @Nullable GroupPage page;

	private int offset;

	private long total;

	private long read;

	private boolean resumed;

	/**
	 * Whether this run has listed again from the first page after an expired link (it
	 * does so once).
	 */
	private boolean relisted;

	/**
	 * The page after the current one, requested while the current one is being staged
	 * (only a read-ahead cache).
	 */
	private @Nullable String prefetchedLink;

	private @Nullable Future<GroupPage> prefetched;

	private final ExecutorService readAhead = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "inventory-read-ahead");
		thread.setDaemon(true);
		return thread;
	});

	GroupInventoryReader(GroupDirectory directory) {
		this.directory = directory;
	}

	@Override
	public void open(ExecutionContext context) {
		if (context.containsKey(OFFSET)) {
			pageLink = context.containsKey(PAGE_LINK) ? context.getString(PAGE_LINK) : null;
			offset = context.getInt(OFFSET);
			total = context.getLong(TOTAL, 0);
			resumed = true;
			log.info("inventory resumes at {} of its saved page", offset);
		}
	}

	@Override
	public @Nullable GroupSnapshot read() {
		GroupPage current = page;
		if (current == null) {
			current = fetch(pageLink);
			page = current;
		}
		while (offset >= current.groups().size()) {
			if (current.nextLink() == null) {
				return null;
			}
			pageLink = current.nextLink();
			current = fetch(pageLink);
			page = current;
			offset = 0;
		}
		read++;
		progress.tick(read, total, null);
		return current.groups().get(offset++);
	}

	private GroupPage fetch(@Nullable String link) {
		Future<GroupPage> ahead = prefetched;
		GroupPage page;
		try {
			page = link != null && link.equals(prefetchedLink) && ahead != null ? prefetchedPage(ahead)
					: fetchNow(link);
		}
		catch (GroupDirectory.ExpiredPageLinkException e) {
			return listAgainFromTheStart(e);
		}
		loops.check(link, page);
		page.unusable()
			.forEach(problem -> log.warn(
					"inventory: Graph listed {}; left out of this run (it cannot be " + "addressed or stored safely)",
					problem));
		String next = page.nextLink();
		prefetchedLink = next;
		prefetched = next == null ? null : readAhead.submit(() -> directory.page(next));
		return page;
	}

	private static GroupPage prefetchedPage(Future<GroupPage> ahead) {
		try {
			return ahead.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while listing groups", e);
		}
		catch (ExecutionException e) {
			throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
		}
	}

	private GroupPage fetchNow(@Nullable String link) {
		if (link == null) {
			GroupPage first = directory.firstPage();
			directory.countUnifiedGroups().ifPresent(count -> {
				total = count;
				log.info("inventory: Graph counts about {} unified groups (an estimate, for the ETA)",
						String.format("%,d", total));
			});
			return first;
		}
		return directory.page(link);
	}

	private GroupPage listAgainFromTheStart(GroupDirectory.ExpiredPageLinkException expired) {
		if (relisted) {
			throw new GraphAccessException(FailureKind.TRANSIENT, "Graph refused a page link of the group "
					+ "listing as expired again, after listing once more from the first page (" + expired.getMessage()
					+ "): pages are read more slowly than Graph keeps its skip tokens; run 'resume' (it lists from the "
					+ "start), and if it happens again check what slows the listing (a proxy, the job repository)",
					expired);
		}
		log.warn(
				"inventory: Graph refused {} as expired (its skip token is too old: {}); listing again from the first "
						+ "page, once; groups already staged are updated in place, not duplicated",
				resumed ? "the saved page link" : "the link to the next page", expired.getMessage());
		relisted = true;
		resumed = false;
		pageLink = null;
		offset = 0;
		loops = new ListingLoopGuard();
		return fetch(null);
	}

	@Override
	public void close() {
		// the read-ahead thread only ever calls Graph, never JDBC: interrupting it cannot
		// break the job repository
		readAhead.shutdownNow();
	}

	@Override
	public void update(ExecutionContext context) {
		if (pageLink == null) {
			context.remove(PAGE_LINK);
		}
		else {
			context.putString(PAGE_LINK, pageLink);
		}
		context.putInt(OFFSET, offset);
		context.putLong(TOTAL, total);
	}

}
