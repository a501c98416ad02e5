@NullMarked
package io.writebackbatch.ops;

import org.jspecify.annotations.NullMarked;
