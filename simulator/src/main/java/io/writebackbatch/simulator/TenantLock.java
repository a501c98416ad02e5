package io.writebackbatch.simulator;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/** The tenant's one lock: groups and directory settings are read and changed under it. */
final class TenantLock {

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	<T> T read(Supplier<T> action) {
		lock.readLock().lock();
		try {
			return action.get();
		}
		finally {
			lock.readLock().unlock();
		}
	}

	<T> T write(Supplier<T> action) {
		lock.writeLock().lock();
		try {
			return action.get();
		}
		finally {
			lock.writeLock().unlock();
		}
	}

}
