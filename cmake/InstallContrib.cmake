# InstallContrib.cmake: run by `cmake --install` and cpack, after
# Install.cmake's variables are set; writes the systemd units, the sysusers.d
# file and the crontab example with the binary and config paths of the
# prefix installed to. The sources name /usr/bin/relfeed and /etc/relfeed/.
set(relfeed_prefix "${CMAKE_INSTALL_PREFIX}")
# GNU rule: prefix /usr keeps its configuration in /etc.
if(relfeed_prefix STREQUAL "/usr")
  set(relfeed_etc /etc)
else()
  set(relfeed_etc "${relfeed_prefix}/${RELFEED_SYSCONFDIR}")
endif()
# One staging directory per destination, so that installs into two places
# at once do not share files.
string(MD5 relfeed_key "$ENV{DESTDIR}${relfeed_prefix}")
set(relfeed_stage "${RELFEED_BINARY_DIR}/contrib-install/${relfeed_key}")

foreach(relfeed_item
    "systemd/relfeed.service|${RELFEED_SYSTEMD_UNIT_DIR}|relfeed.service"
    "systemd/relfeed.timer|${RELFEED_SYSTEMD_UNIT_DIR}|relfeed.timer"
    "systemd/relfeed.sysusers|${RELFEED_SYSUSERS_DIR}|relfeed.conf"
    "cron/relfeed|${RELFEED_DOCDIR}/examples/cron.d|relfeed")
  string(REPLACE "|" ";" relfeed_parts "${relfeed_item}")
  list(GET relfeed_parts 0 relfeed_src)
  list(GET relfeed_parts 1 relfeed_dir)
  list(GET relfeed_parts 2 relfeed_name)
  file(READ "${RELFEED_SOURCE_DIR}/contrib/${relfeed_src}" relfeed_text)
  string(REPLACE "/usr/bin/relfeed"
    "${relfeed_prefix}/${RELFEED_BINDIR}/relfeed" relfeed_text "${relfeed_text}")
  string(REPLACE "/etc/relfeed/" "${relfeed_etc}/relfeed/"
    relfeed_text "${relfeed_text}")
  file(WRITE "${relfeed_stage}/${relfeed_name}" "${relfeed_text}")
  file(INSTALL "${relfeed_stage}/${relfeed_name}"
    DESTINATION "${relfeed_prefix}/${relfeed_dir}"
    PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endforeach()
