#pragma once
// One process per link. Before a pty link is made at PATH (serve --kline PATH, relay emulate
// --link PATH), PATH.lock beside it is created and flock()ed. A second process finds the lock held
// and stops with a message naming the holder (its pid and command line), before it touches the
// link. The kernel drops the lock when its holder dies, however it dies: a link and a lock file
// left by a killed process are simply taken over. The lock file is removed on release while the
// lock is still held, and a claim checks after locking that the file it locked is still the one
// at the path, so a release racing a claim never leaves two holders.
#include <stdexcept>
#include <string>

namespace bcmhil::transport {

class LinkClaimError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class LinkClaim {
 public:
  // Throws LinkClaimError: held by a live process (the message names it), or the lock file cannot
  // be made (the message names it and the errno text).
  explicit LinkClaim(const std::string& link_path);
  ~LinkClaim();
  LinkClaim(const LinkClaim&) = delete;
  LinkClaim& operator=(const LinkClaim&) = delete;

  const std::string& lock_path() const { return lock_path_; }

 private:
  std::string lock_path_;
  int fd_ = -1;
};

}  // namespace bcmhil::transport
