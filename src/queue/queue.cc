// The JetStream work queue (queue.h, docs/scale.md).
#include "queue/queue.h"

#include <nats/nats.h>

namespace dyad::queue {

namespace {

natsConnection* Nc(void* p) { return static_cast<natsConnection*>(p); }
jsCtx* Js(void* p) { return static_cast<jsCtx*>(p); }
natsMsg* Msg(void* p) { return static_cast<natsMsg*>(p); }

// A Status for a failed cnats call, with the library's last error text.
Status NatsError(const std::string& what, natsStatus s,
                 jsErrCode jerr = static_cast<jsErrCode>(0)) {
  std::string msg = what + ": " + natsStatus_GetText(s);
  natsStatus ls = NATS_OK;
  const char* detail = nats_GetLastError(&ls);
  if (detail && *detail) msg += std::string(" (") + detail + ")";
  if (jerr != 0) msg += " [JetStream error " + std::to_string(static_cast<int>(jerr)) + "]";
  return Status::IoError(msg);
}

constexpr int64_t kNanosPerSecond = 1000000000;

}  // namespace

Message::~Message() { natsMsg_Destroy(Msg(msg_)); }

std::string_view Message::data() const {
  return {natsMsg_GetData(Msg(msg_)), static_cast<size_t>(natsMsg_GetDataLength(Msg(msg_)))};
}

uint64_t Message::deliveries() const {
  jsMsgMetaData* meta = nullptr;
  if (natsMsg_GetMetaData(&meta, Msg(msg_)) != NATS_OK) return 0;
  uint64_t n = meta->NumDelivered;
  jsMsgMetaData_Destroy(meta);
  return n;
}

Status Message::Ack() {
  // Not waiting for the server's confirmation: an ack that gets lost only
  // makes JetStream redeliver the message, which the idempotent store absorbs.
  natsStatus s = natsMsg_Ack(Msg(msg_), nullptr);
  return s == NATS_OK ? Status::Ok() : NatsError("nats: ack", s);
}

Status Message::Nak() {
  natsStatus s = natsMsg_Nak(Msg(msg_), nullptr);
  return s == NATS_OK ? Status::Ok() : NatsError("nats: nak", s);
}

Status Message::InProgress() {
  natsStatus s = natsMsg_InProgress(Msg(msg_), nullptr);
  return s == NATS_OK ? Status::Ok() : NatsError("nats: in-progress", s);
}

Result<std::unique_ptr<Queue>> Queue::Connect(const std::string& url, const QueueOptions& options) {
  std::unique_ptr<Queue> q(new Queue());
  q->options_ = options;
  q->url_ = url;
  natsConnection* nc = nullptr;
  natsStatus s = natsConnection_ConnectTo(&nc, url.c_str());
  if (s != NATS_OK) return NatsError(url + ": cannot connect to NATS", s);
  q->nc_ = nc;
  jsCtx* js = nullptr;
  jsOptions jo;
  jsOptions_Init(&jo);
  jo.PublishAsync.MaxPending = 1024;
  // With MaxPending publishes in flight, wait for the server rather than
  // fail (the default waits 200 ms: too little when the server syncs to disk).
  jo.PublishAsync.StallWait = 30000;
  s = natsConnection_JetStream(&js, nc, &jo);
  if (s != NATS_OK) return NatsError(url + ": no JetStream context", s);
  q->js_ = js;

  jsStreamConfig cfg;
  jsStreamConfig_Init(&cfg);
  cfg.Name = options.stream.c_str();
  const char* subjects[] = {options.subject.c_str()};
  cfg.Subjects = subjects;
  cfg.SubjectsLen = 1;
  cfg.Retention = js_WorkQueuePolicy;
  cfg.Storage = js_FileStorage;
  cfg.Replicas = options.replicas;
  cfg.Duplicates = int64_t{3600} * kNanosPerSecond;  // re-enqueue within an hour is a no-op
  jsStreamInfo* si = nullptr;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  s = js_AddStream(&si, js, &cfg, nullptr, &jerr);
  jsStreamInfo_Destroy(si);
  if (s != NATS_OK && jerr != JSStreamNameExistErr) {
    return NatsError(
        url + ": cannot create stream " + options.stream + " (is nats-server running with -js?)", s,
        jerr);
  }
  return q;
}

Queue::~Queue() {
  if (sub_) natsSubscription_Destroy(static_cast<natsSubscription*>(sub_));
  if (js_) jsCtx_Destroy(Js(js_));
  if (nc_) {
    natsConnection_Close(Nc(nc_));
    natsConnection_Destroy(Nc(nc_));
  }
}

Status Queue::Publish(std::string_view data, const std::string& msg_id) {
  jsPubOptions po;
  jsPubOptions_Init(&po);
  if (!msg_id.empty()) po.MsgId = msg_id.c_str();
  natsStatus s = js_PublishAsync(Js(js_), options_.subject.c_str(), data.data(),
                                 static_cast<int>(data.size()), &po);
  return s == NATS_OK ? Status::Ok() : NatsError(url_ + ": publish", s);
}

Status Queue::Flush() {
  jsPubOptions po;
  jsPubOptions_Init(&po);
  po.MaxWait = 60000;
  natsStatus s = js_PublishAsyncComplete(Js(js_), &po);
  if (s != NATS_OK) return NatsError(url_ + ": publish not acknowledged", s);
  natsMsgList failed{};
  if (js_PublishAsyncGetPendingList(&failed, Js(js_)) == NATS_OK && failed.Count > 0) {
    int n = failed.Count;
    natsMsgList_Destroy(&failed);
    return Status::IoError(url_ + ": " + std::to_string(n) + " publishes not acknowledged");
  }
  return Status::Ok();
}

Result<std::vector<std::unique_ptr<Message>>> Queue::Fetch(int batch, int64_t timeout_ms) {
  if (!sub_) {
    jsSubOptions so;
    jsSubOptions_Init(&so);
    so.Stream = options_.stream.c_str();
    so.Config.AckPolicy = js_AckExplicit;
    if (options_.ack_wait_seconds > 0) {
      so.Config.AckWait = int64_t{options_.ack_wait_seconds} * kNanosPerSecond;
    }
    so.Config.MaxAckPending = options_.max_ack_pending;
    natsSubscription* sub = nullptr;
    jsErrCode jerr = static_cast<jsErrCode>(0);
    natsStatus s = js_PullSubscribe(&sub, Js(js_), options_.subject.c_str(),
                                    options_.consumer.c_str(), nullptr, &so, &jerr);
    if (s != NATS_OK) return NatsError(url_ + ": cannot subscribe", s, jerr);
    sub_ = sub;
  }
  natsMsgList list{};
  jsErrCode jerr = static_cast<jsErrCode>(0);
  natsStatus s =
      natsSubscription_Fetch(&list, static_cast<natsSubscription*>(sub_), batch, timeout_ms, &jerr);
  std::vector<std::unique_ptr<Message>> out;
  if (s == NATS_TIMEOUT) return out;
  if (s != NATS_OK) return NatsError(url_ + ": fetch", s, jerr);
  for (int i = 0; i < list.Count; ++i) {
    out.push_back(std::unique_ptr<Message>(new Message(list.Msgs[i])));
    list.Msgs[i] = nullptr;  // owned by the Message now
  }
  natsMsgList_Destroy(&list);
  return out;
}

Result<uint64_t> Queue::Pending() {
  jsStreamInfo* si = nullptr;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  natsStatus s = js_GetStreamInfo(&si, Js(js_), options_.stream.c_str(), nullptr, &jerr);
  if (s != NATS_OK) return NatsError(url_ + ": stream info", s, jerr);
  uint64_t n = si->State.Msgs;
  jsStreamInfo_Destroy(si);
  return n;
}

}  // namespace dyad::queue
