/** Password hashing, the identity store, login throttling, account and token logic. */
package org.guildhall.identity.control;
