/** Groups, their memberships and roles, and GroupAccess: the one place that decides who may read, upload, post or manage. */
package org.guildhall.groups;
