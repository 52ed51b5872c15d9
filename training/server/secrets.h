#pragma once
// Session tokens, session ids and the instructor key: 128 random bits from the kernel
// (getrandom), written as 32 lower-case hex digits. Unguessable, so a student cannot reach a
// session that is not theirs (the server answers 403 without the token).
#include <string>

namespace bcmhil::training::server {

std::string random_hex128();  // throws std::system_error if the kernel has no randomness for us

}  // namespace bcmhil::training::server
