/** The {@code @NAME@} filesystem: private to its bundle, registered as a filesystem type by {@link @PACKAGE@.@Name@Type}. */
package @PACKAGE@;
