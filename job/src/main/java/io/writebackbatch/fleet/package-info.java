/**
 * Several tenants: proving a tenant's deployment before it runs ({@code check}), and the
 * fleet's state at a glance ({@code runs --fleet}).
 */
@NullMarked
package io.writebackbatch.fleet;

import org.jspecify.annotations.NullMarked;
