// The real HidDevice, through hidapi (hidraw backend). Not exercised in CI (no USB there).
#include "hid_relay_board.h"

#include <hidapi/hidapi.h>

#include <cwchar>
#include <mutex>
#include <vector>

namespace bcmhil::relay {

namespace {

std::string narrow(const wchar_t* w) {
  std::string s;
  if (!w) return s;
  for (; *w; ++w) s += (*w < 128) ? static_cast<char>(*w) : '?';
  return s;
}

void init_once() {
  static std::once_flag once;
  std::call_once(once, [] { hid_init(); });
}

class HidapiDevice : public HidDevice {
 public:
  HidapiDevice(hid_device* handle, std::string path, std::string product)
      : handle_(handle), path_(std::move(path)), product_(std::move(product)) {}
  ~HidapiDevice() override { hid_close(handle_); }
  std::string path() const override { return path_; }
  std::string product() const override { return product_; }
  void send_feature_report(const Bytes& report) override {
    if (hid_send_feature_report(handle_, report.data(), report.size()) < 0)
      throw RelayError(path_, ErrorKind::gone, "send_feature_report: " + narrow(hid_error(handle_)));
  }
  Bytes get_feature_report(std::uint8_t report_id, std::size_t length) override {
    Bytes buf(length + 1, 0);
    buf[0] = report_id;
    const int n = hid_get_feature_report(handle_, buf.data(), buf.size());
    if (n < 0) throw RelayError(path_, ErrorKind::gone, "get_feature_report: " + narrow(hid_error(handle_)));
    buf.resize(static_cast<std::size_t>(n));
    return buf;
  }

 private:
  hid_device* handle_;
  std::string path_;
  std::string product_;
};

}  // namespace

std::unique_ptr<HidDevice> open_hidapi_device(const std::string& serial_or_path) {
  init_once();
  struct Candidate {
    std::string path, product, serial;
  };
  std::vector<Candidate> found;
  hid_device_info* list = hid_enumerate(dcttech::kVendorId, dcttech::kProductId);
  for (auto* d = list; d; d = d->next) {
    const std::string product = narrow(d->product_string);
    if (!dcttech::channels_from_product(product)) continue;
    found.push_back({d->path ? d->path : "", product, ""});
  }
  hid_free_enumeration(list);
  const std::string what = serial_or_path.empty() ? std::string("dcttech USBRelayN") : serial_or_path;
  std::vector<std::unique_ptr<HidDevice>> matches;
  for (const auto& c : found) {
    hid_device* h = hid_open_path(c.path.c_str());
    if (!h) continue;
    auto dev = std::make_unique<HidapiDevice>(h, c.path, c.product);
    Bytes r;
    try {
      r = dev->get_feature_report(dcttech::kReportId, dcttech::kReportLength);
    } catch (const RelayError&) {
      continue;
    }
    const auto s = dcttech::decode_status(r);
    if (!s) continue;
    if (serial_or_path.empty() || serial_or_path == c.path || serial_or_path == s->serial)
      matches.push_back(std::move(dev));
  }
  if (matches.empty())
    throw RelayError(what, ErrorKind::open_failed,
                     "no dcttech USB relay board " + (serial_or_path.empty() ? std::string() : "'" + what + "' ") +
                         "found (" + std::to_string(found.size()) + " USBRelayN boards on the bus; check the cable "
                         "and the udev rule for 16c0:05df)");
  if (matches.size() > 1)
    throw RelayError(what, ErrorKind::open_failed, "several dcttech boards present: name one by its serial");
  return std::move(matches.front());
}

}  // namespace bcmhil::relay
