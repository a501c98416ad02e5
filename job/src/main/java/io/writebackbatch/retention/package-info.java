@NullMarked
package io.writebackbatch.retention;

import org.jspecify.annotations.NullMarked;
