# Install.cmake: where `cmake --install` puts relfeed and its companions (GNU
# directories under the prefix), and how `cpack -G DEB` packages them.
include(GNUInstallDirs)

install(TARGETS relfeed RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES man/relfeed.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES man/relfeed.yaml.5 DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
# The binary has the schema compiled in; this copy is for users' own tools,
# such as xmllint --relaxng.
install(FILES data/atom.rng DESTINATION ${CMAKE_INSTALL_DATADIR}/relfeed)
file(GLOB RELFEED_SITE_CONFIGS ${CMAKE_SOURCE_DIR}/scripts/sites/*.yaml)
install(FILES relfeed.yaml ${RELFEED_SITE_CONFIGS}
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

# bash-completion's own directory, taken relative to its prefix, so that an
# install under another prefix stays under that prefix.
set(relfeed_bc_dir ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
pkg_get_variable(relfeed_bc_abs bash-completion completionsdir)
pkg_get_variable(relfeed_bc_prefix bash-completion prefix)
if(relfeed_bc_abs AND relfeed_bc_prefix)
  string(LENGTH "${relfeed_bc_prefix}/" relfeed_bc_len)
  string(SUBSTRING "${relfeed_bc_abs}" 0 ${relfeed_bc_len} relfeed_bc_head)
  if(relfeed_bc_head STREQUAL "${relfeed_bc_prefix}/")
    string(SUBSTRING "${relfeed_bc_abs}" ${relfeed_bc_len} -1 relfeed_bc_dir)
  endif()
endif()
set(RELFEED_BASH_COMPLETION_DIR ${relfeed_bc_dir} CACHE STRING
  "Directory of the bash completion, relative to the install prefix")
install(FILES contrib/bash-completion/relfeed
  DESTINATION ${RELFEED_BASH_COMPLETION_DIR})

# The systemd units, the sysusers.d file and the crontab example name the
# binary and the config file by absolute path: they are written at install
# time, when the prefix is known (cmake --install --prefix, cpack).
set(RELFEED_SYSTEMD_UNIT_DIR lib/systemd/system CACHE STRING
  "Directory of the systemd units, relative to the install prefix")
set(RELFEED_SYSUSERS_DIR lib/sysusers.d CACHE STRING
  "Directory of the sysusers.d file, relative to the install prefix")
install(CODE "
  set(RELFEED_SOURCE_DIR \"${CMAKE_SOURCE_DIR}\")
  set(RELFEED_BINARY_DIR \"${CMAKE_BINARY_DIR}\")
  set(RELFEED_BINDIR \"${CMAKE_INSTALL_BINDIR}\")
  set(RELFEED_SYSCONFDIR \"${CMAKE_INSTALL_SYSCONFDIR}\")
  set(RELFEED_DOCDIR \"${CMAKE_INSTALL_DOCDIR}\")
  set(RELFEED_SYSTEMD_UNIT_DIR \"${RELFEED_SYSTEMD_UNIT_DIR}\")
  set(RELFEED_SYSUSERS_DIR \"${RELFEED_SYSUSERS_DIR}\")
")
install(SCRIPT cmake/InstallContrib.cmake)

# cpack -G DEB: the package for Debian 12. The library dependencies are
# computed by dpkg-shlibdeps from the binary, so they name Debian's packages.
set(CPACK_PACKAGE_NAME relfeed)
set(CPACK_PACKAGE_VENDOR relfeed)
set(CPACK_PACKAGE_CONTACT "relfeed maintainers <maintainers@relfeed.invalid>"
  CACHE STRING "Maintainer of the Debian package")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "release announcements in Markdown to RSS, Atom and JSON Feed")
# The summary is the Description line; this is the text below it.
set(CPACK_PACKAGE_DESCRIPTION "relfeed turns a tree of Markdown release announcements with YAML front
matter (Hugo-style sites) into RSS 2.0, Atom 1.0 and JSON Feed 1.1 files,
newest release first, with absolute links and stable ids. Output is
deterministic and written atomically, and unchanged feeds are not
rewritten, so it can run from cron or a systemd timer; it also validates
feeds written by other tools.")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cron | systemd-sysv")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${CMAKE_SOURCE_DIR}/contrib/debian/postinst
  ${CMAKE_SOURCE_DIR}/contrib/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
include(CPack)
