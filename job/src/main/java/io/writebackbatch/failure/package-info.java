@NullMarked
package io.writebackbatch.failure;

import org.jspecify.annotations.NullMarked;
