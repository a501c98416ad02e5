@NullMarked
package io.writebackbatch.job;

import org.jspecify.annotations.NullMarked;
