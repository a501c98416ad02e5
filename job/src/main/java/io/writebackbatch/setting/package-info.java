@NullMarked
package io.writebackbatch.setting;

import org.jspecify.annotations.NullMarked;
