{
  "targets": [
    {
      "target_name": "quickack",
      "sources": ["quickack.cc"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
