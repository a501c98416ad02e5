@NullMarked
package io.writebackbatch.staging;

import org.jspecify.annotations.NullMarked;
