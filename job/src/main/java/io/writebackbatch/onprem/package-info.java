@NullMarked
package io.writebackbatch.onprem;

import org.jspecify.annotations.NullMarked;
