@NullMarked
package io.writebackbatch.inventory;

import org.jspecify.annotations.NullMarked;
