"""The HTTP routes, one module per resource: parse the request, call one service, shape the
answer. A route module never imports another route module, nor the storage layer."""
