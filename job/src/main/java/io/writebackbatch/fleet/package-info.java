/**
 * Several tenants: proving a tenant's deployment before it runs ({@code check}).
 */
@NullMarked
package io.writebackbatch.fleet;

import org.jspecify.annotations.NullMarked;
