/** Group and membership logic, and the permission rules. */
package org.guildhall.groups.control;
