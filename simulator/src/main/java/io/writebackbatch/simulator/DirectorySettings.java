package io.writebackbatch.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The tenant's directory setting objects, under the tenant's lock. */
final class DirectorySettings {

	private final TenantLock lock;

	private final List<DirectorySetting> settings = new ArrayList<>();

	DirectorySettings(TenantLock lock) {
		this.lock = lock;
	}

	/** Reads the settings under the lock. */
	<T> T read(Function<List<DirectorySetting>, T> reader) {
		return lock.read(() -> reader.apply(settings));
	}

	/** Reads and changes the settings (the list and its objects) under the lock. */
	<T> T change(Function<List<DirectorySetting>, T> change) {
		return lock.write(() -> change.apply(settings));
	}

	/**
	 * Default isEnabled of a new Microsoft 365 group: false if
	 * NewUnifiedGroupWritebackDefault is "false".
	 */
	Boolean newUnifiedGroupWritebackDefault() {
		return read((all) -> all.stream()
			.filter(DirectorySetting::isGroupUnified)
			.findFirst()
			.map((st) -> "false".equalsIgnoreCase(st.values.get("NewUnifiedGroupWritebackDefault")) ? Boolean.FALSE
					: null)
			.orElse(null));
	}

}
