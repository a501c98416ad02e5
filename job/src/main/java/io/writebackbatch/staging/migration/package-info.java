@NullMarked
package io.writebackbatch.staging.migration;

import org.jspecify.annotations.NullMarked;
