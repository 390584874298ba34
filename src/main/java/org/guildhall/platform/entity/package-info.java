/** Mappings every component's entities share. */
package org.guildhall.platform.entity;
