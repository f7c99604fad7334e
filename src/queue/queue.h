// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The work queue of the scale-out mode (docs/scale.md): a NATS JetStream
// stream with the work-queue retention policy, wrapped over the cnats C
// client (libnats). `dyad enqueue` publishes one message per article;
// `dyad work` pulls them through one shared durable consumer, so each message
// goes to one worker at a time, and is redelivered to another worker when
// it is not acknowledged within the ack wait (a killed worker) or is
// negatively acknowledged (a worker shutting down).
//
// A Queue is used from one thread at a time.

#ifndef DYAD_QUEUE_QUEUE_H_
#define DYAD_QUEUE_QUEUE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad::queue {

// Names and limits of the stream and its consumer.
struct QueueOptions {
  // The JetStream stream and the one subject it holds.
  std::string stream = "DYAD";
  std::string subject = "dyad.articles";
  // Copies of the stream in a JetStream cluster when it is created (3 on
  // a 3-node cluster survives the loss of a node).
  int replicas = 1;
  // The durable pull consumer shared by every worker.
  std::string consumer = "dyad-workers";
  // Seconds a delivered message may stay unacknowledged before JetStream
  // gives it to another worker (a worker that was killed). Fixed when the
  // consumer is created; 0 takes the existing consumer's value (JetStream's
  // default, 30 s, for a new one). A different non-zero value than the
  // consumer's fails the subscription.
  int ack_wait_seconds = 0;
  // Maximum delivered-but-unacknowledged messages over all workers.
  int max_ack_pending = 20000;
};

// A delivered message. Ack, Nak or let it time out.
class Message {
 public:
  ~Message();
  Message(const Message&) = delete;
  Message& operator=(const Message&) = delete;
  // The payload.
  std::string_view data() const;
  // How many times JetStream has delivered it (1 the first time).
  uint64_t deliveries() const;
  // Acknowledges: the message is done and leaves the work queue. Does not
  // wait for the server to confirm (a lost ack means one redelivery).
  Status Ack();
  // Negative acknowledgement: redeliver now (to any worker).
  Status Nak();
  // Tells JetStream the message is still being worked on (resets the ack wait).
  Status InProgress();

 private:
  friend class Queue;
  explicit Message(void* msg) : msg_(msg) {}
  void* msg_;  // natsMsg*
};

// A connection to NATS with a JetStream context.
class Queue {
 public:
  // Connects to `url` ("nats://127.0.0.1:4222") and makes sure the stream
  // exists (creating it with work-queue retention and file storage).
  // kIoError naming the URL when the server cannot be reached or has no
  // JetStream.
  static Result<std::unique_ptr<Queue>> Connect(const std::string& url,
                                                const QueueOptions& options = {});
  ~Queue();
  Queue(const Queue&) = delete;
  Queue& operator=(const Queue&) = delete;

  // Publishes `data` asynchronously. `msg_id` (non-empty) lets JetStream drop
  // a second copy published within its duplicate window, so re-running an
  // enqueue does not queue an article twice.
  Status Publish(std::string_view data, const std::string& msg_id);
  // Waits until every published message is acknowledged by the stream.
  Status Flush();

  // Fetches up to `batch` messages, waiting at most `timeout_ms`. Returns an
  // empty vector when none arrived in time.
  Result<std::vector<std::unique_ptr<Message>>> Fetch(int batch, int64_t timeout_ms);

  // Messages in the stream (queued or delivered but not yet acknowledged).
  Result<uint64_t> Pending();

 private:
  Queue() = default;
  QueueOptions options_;
  std::string url_;
  void* nc_ = nullptr;   // natsConnection*
  void* js_ = nullptr;   // jsCtx*
  void* sub_ = nullptr;  // natsSubscription* (pull), created on first Fetch
};

}  // namespace dyad::queue

#endif  // DYAD_QUEUE_QUEUE_H_
