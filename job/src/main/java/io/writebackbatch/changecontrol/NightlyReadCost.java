package io.writebackbatch.changecontrol;

/**
 * What an incremental night's read would cost in Graph requests, against listing every
 * group: the one rule that lets a nightly list everything when that is cheaper. The week
 * after a large full run, re-reading by id the groups it changed cost 8,345
 * {@code $batch} requests a night where the listing took 211 pages
 * (docs/results/2026-12-07-nightly.md); a full listing also sees every group and resets
 * what later nights re-read.
 *
 * @param idsToReread the groups the last full listing and the runs since changed
 * @param idsPerRequest GETs in one {@code $batch} request
 * @param createdSincePages the pages of the "created since" listing (at least one)
 * @param lastKnownTotal the groups the last full listing found
 * @param pageSize the listing's page size ({@code writeback.graph.page-size})
 */
public record NightlyReadCost(long idsToReread, int idsPerRequest, long createdSincePages, long lastKnownTotal,
		int pageSize) {

	public NightlyReadCost {
		if (idsToReread < 0 || idsPerRequest < 1 || createdSincePages < 1 || lastKnownTotal < 0 || pageSize < 1) {
			throw new IllegalArgumentException(
					"not a read cost: " + idsToReread + " ids, " + idsPerRequest + " per request, " + createdSincePages
							+ " pages, " + lastKnownTotal + " groups, page size " + pageSize);
		}
	}

	/**
	 * The created-since pages plus ceil(ids / ids per request) {@code $batch} requests.
	 */
	public long incrementalRequests() {
		return createdSincePages + ceilDiv(idsToReread, idsPerRequest);
	}

	/** ceil(last known total / page size) pages, at least one. */
	public long listingRequests() {
		return Math.max(1, ceilDiv(lastKnownTotal, pageSize));
	}

	/**
	 * True when the incremental read would send more requests than listing everything.
	 */
	public boolean listingIsCheaper() {
		return incrementalRequests() > listingRequests();
	}

	/** Both counts and what they are made of, for the run's inventory reason. */
	public String describe() {
		return "re-reading by id the " + idsToReread + " groups changed since would cost " + incrementalRequests()
				+ " requests (" + ceilDiv(idsToReread, idsPerRequest) + " $batch of " + idsPerRequest + " + "
				+ createdSincePages + " created-since page), listing every group " + listingRequests() + " ("
				+ lastKnownTotal + " groups at the last full listing, " + pageSize + " a page)";
	}

	/** Java 17 has no Math.ceilDiv; both operands are non-negative here. */
	private static long ceilDiv(long dividend, long divisor) {
		return (dividend + divisor - 1) / divisor;
	}

}
