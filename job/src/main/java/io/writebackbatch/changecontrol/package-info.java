@NullMarked
package io.writebackbatch.changecontrol;

import org.jspecify.annotations.NullMarked;
