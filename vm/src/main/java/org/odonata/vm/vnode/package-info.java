/**
 * The vnode pager ({@code vnode_pager.c}): a file's VM object, paged in and out through its filesystem, shared by
 * every mapping and coherent with {@code read(2)}/{@code write(2)}.
 */
package org.odonata.vm.vnode;
