@NullMarked
package io.writebackbatch.domain;

import org.jspecify.annotations.NullMarked;
