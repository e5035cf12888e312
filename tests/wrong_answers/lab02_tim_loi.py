"""Plausible wrong answers for solutions/lab02_tim_loi.ipynb (format: tests/wrong_answers/__init__.py).

Each wrong answer is the solution's region with one plausible mistake: a fix of the wrong
line that moves a number in the right direction, or a half-right fix. The base bodies below
are copies of the solution regions; ``_variant`` fails loudly when the solution changes.
"""

from __future__ import annotations


def _variant(base: str, *edits: tuple[str, str]) -> str:
    """base with each (old, new) replaced exactly once."""
    for old, new in edits:
        if base.count(old) != 1:
            raise ValueError(f"the solution region changed: {old!r} occurs {base.count(old)} times")
        base = base.replace(old, new)
    return base


_Q1 = r'''
model = make_mlp(seed)
optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
gen = torch.Generator().manual_seed(seed)
losses = []
for epoch in range(epochs):
    total = 0.0
    for idx in epoch_batches(len(x_train), gen):
        x, y = x_train[idx] / 16, y_train[idx]
        logits = model(x)  # cross_entropy tự làm log-softmax: đưa logit vào, không đưa xác suất
        loss = F.cross_entropy(logits, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(idx)
    losses.append(total / len(x_train))
return {"losses": losses, "acc": accuracy(model, x_test / 16, y_test)}
'''

_Q2 = r'''
model = make_mlp(seed)
optimizer = torch.optim.Adam(model.parameters(), lr=lr)
gen = torch.Generator().manual_seed(seed)

def train_step(x, y):
    loss = F.cross_entropy(model(x), y)
    optimizer.zero_grad()  # xóa gradient của bước trước, nếu không nó bị cộng dồn
    loss.backward()
    optimizer.step()
    return loss.item()

losses = []
for epoch in range(epochs):
    batch_losses = [train_step(x_train[idx] / 16, y_train[idx]) for idx in epoch_batches(len(x_train), gen)]
    losses.append(sum(batch_losses) / len(batch_losses))
return {"losses": losses, "acc": accuracy(model, x_test / 16, y_test)}
'''

_Q3 = r'''
mean = x_train.mean(dim=0)
std = x_train.std(dim=0).clamp_min(1.0)  # điểm ảnh gần như luôn bằng 0: tránh chia cho số quá nhỏ
x_train_std = (x_train - mean) / std
model = make_mlp(seed)
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
gen = torch.Generator().manual_seed(seed)
for epoch in range(epochs):
    for idx in epoch_batches(len(x_train), gen):
        loss = F.cross_entropy(model(x_train_std[idx]), y_train[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

def predict(x):
    """Nhãn dự đoán cho một batch ảnh thô."""
    x_std = (x - mean) / std  # đúng thống kê của tập huấn luyện, không phải của batch đang dự đoán
    with torch.no_grad():
        return model(x_std).argmax(dim=1)

acc = (predict(x_new) == y_new).float().mean().item()
return {"acc": acc, "predict": predict}
'''

_Q4 = r'''
model = make_mlp(seed)
optimizer = torch.optim.Adam(model.parameters(), lr=lr)
gen = torch.Generator().manual_seed(seed)

def logits_of(seq):
    batch_size = seq.shape[1]
    features = seq.permute(1, 0, 2).reshape(batch_size, -1)  # (8, B, 8) -> (B, 8, 8) -> (B, 64)
    return model(features)

def predict(seq):
    with torch.no_grad():
        return logits_of(seq).argmax(dim=1)

losses = []
for epoch in range(epochs):
    total = 0.0
    for idx in epoch_batches(SEQ_TRAIN.shape[1], gen):
        loss = F.cross_entropy(logits_of(SEQ_TRAIN[:, idx]), y_train[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(idx)
    losses.append(total / SEQ_TRAIN.shape[1])
acc = (predict(SEQ_TEST) == y_test).float().mean().item()
return {"losses": losses, "acc": acc, "predict": predict}
'''

_Q5 = r'''
model = make_mlp(seed)
optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=5, gamma=0.3)
gen = torch.Generator().manual_seed(seed)
losses, lrs = [], []
for epoch in range(epochs):
    total = 0.0
    for idx in epoch_batches(len(x_train), gen):
        loss = F.cross_entropy(model(x_train[idx] / 16), y_train[idx])
        optimizer.zero_grad()
        loss.backward()
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        total += loss.item() * len(idx)
    scheduler.step()  # một lần mỗi epoch: step_size=5 nghĩa là 5 epoch
    losses.append(total / len(x_train))
return {"losses": losses, "acc": accuracy(model, x_test / 16, y_test), "lrs": lrs}
'''

_Q6 = r'''
flip = (torch.rand(len(x), generator=gen) < p).to(x.device)
x = torch.where(flip[:, None, None], x.flip(dims=[-1]), x)
horizontal = y <= 1  # nhãn 0 (trái) và 1 (phải) đổi chiều khi lật ngang; 2 (lên), 3 (xuống) thì không
y = torch.where(flip & horizontal, 1 - y, y)
return x, y
'''

_Q7_NORMS = r'''
x = x.detach().clone().requires_grad_(True)  # bản sao riêng: không đụng vào x của người gọi
out = model(x)
gen = torch.Generator().manual_seed(0)
weights = torch.randn(out[i].shape, generator=gen).to(out.device)
loss_i = (out[i] * weights).sum()  # "mất mát" chỉ của mẫu i
(grad,) = torch.autograd.grad(loss_i, x)  # gradient theo đầu vào, không chạm vào .grad của tham số
return grad.flatten(start_dim=1).norm(dim=1)
'''

_Q7_MIXES = r'''
norms = input_gradient_norms(model, x, i)
largest = norms.max()
if not largest > 0:
    raise ValueError("Gradient bằng 0 ở mọi mẫu: phép thử không kết luận được gì "
                     "(đầu ra không phụ thuộc đầu vào, chẳng hạn mọi ReLU đều chết).")
others = torch.cat([norms[:i], norms[i + 1:]])
return bool((others > rel_tol * largest).any())
'''

_Q8 = r'''
for invisible in ("\u200b", "\ufeff"):
    s = s.replace(invisible, "")  # bỏ ký tự vô hình TRƯỚC, để dấu tổ hợp ghép được vào chữ cái
s = s.replace("\u00a0", " ")
return unicodedata.normalize("NFC", s)
'''

_Q9_LOOKS = r'''
pieces = []
for ch in s:
    try:
        pieces.append(cp1252_bytes(ch))
    except UnicodeEncodeError:
        pieces.append(b"\x00")  # ký tự ngoài cp1252 cắt đứt mọi chuỗi byte đi qua nó
return UTF8_MULTIBYTE.search(b"".join(pieces)) is not None
'''

_Q9_REPAIR = r'''
if not looks_like_mojibake(s):
    return s, "sạch"
text = s
for _ in range(max_rounds):
    try:
        text = cp1252_bytes(text).decode("utf-8")  # giải mã nghiêm ngặt: byte hỏng thì báo lỗi
    except (UnicodeEncodeError, UnicodeDecodeError):
        return s, "không sửa được"
    if not looks_like_mojibake(text):
        return text, "đã sửa"
return s, "không sửa được"
'''

_SOFTMAX = ("logits = model(x)  # cross_entropy tự làm log-softmax: đưa logit vào, không đưa xác suất",
            "logits = torch.softmax(model(x), dim=1)")
_ZERO_GRAD = ("    optimizer.zero_grad()  # xóa gradient của bước trước, nếu không nó bị cộng dồn\n", "")
_PREDICT_STD = "x_std = (x - mean) / std  # đúng thống kê của tập huấn luyện, không phải của batch đang dự đoán"
_FLATTEN = "features = seq.permute(1, 0, 2).reshape(batch_size, -1)  # (8, B, 8) -> (B, 8, 8) -> (B, 64)"
_EPOCH_STEP = "    scheduler.step()  # một lần mỗi epoch: step_size=5 nghĩa là 5 epoch\n"
_PER_ITERATION = ("        total += loss.item() * len(idx)\n",
                  "        scheduler.step()\n        total += loss.item() * len(idx)\n")
_SWAP = "y = torch.where(flip & horizontal, 1 - y, y)"
_NORMS_LOSS = "loss_i = (out[i] * weights).sum()  # \"mất mát\" chỉ của mẫu i"
_NORMS_GRAD = "(grad,) = torch.autograd.grad(loss_i, x)  # gradient theo đầu vào, không chạm vào .grad của tham số"
_DECODE = "text = cp1252_bytes(text).decode(\"utf-8\")  # giải mã nghiêm ngặt: byte hỏng thì báo lỗi"

WRONG_ANSWERS: dict[str, list[tuple[str, str | list[str | None]]]] = {
    "1": [
        ("keeps the softmax, trains three times longer",
         _variant(_Q1, _SOFTMAX, ("for epoch in range(epochs):", "for epoch in range(3 * epochs):"))),
        ("keeps the softmax, raises the learning rate tenfold",
         _variant(_Q1, _SOFTMAX, ("lr=lr, momentum=0.9", "lr=10 * lr, momentum=0.9"))),
        ("keeps the softmax, switches to Adam",
         _variant(_Q1, _SOFTMAX, ("torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)",
                                  "torch.optim.Adam(model.parameters(), lr=1e-2)"))),
        ("feeds the probabilities to nll_loss",
         _variant(_Q1, _SOFTMAX, ("loss = F.cross_entropy(logits, y)", "loss = F.nll_loss(logits, y)"))),
        ("moves the softmax to the batch dimension",
         _variant(_Q1, ("logits = model(x)  # cross_entropy tự làm log-softmax: đưa logit vào, không đưa xác suất",
                        "logits = torch.softmax(model(x), dim=0)"))),
        ("replaces the softmax with a sigmoid",
         _variant(_Q1, ("logits = model(x)  # cross_entropy tự làm log-softmax: đưa logit vào, không đưa xác suất",
                        "logits = torch.sigmoid(model(x))"))),
    ],
    "2": [
        ("lowers the learning rate tenfold instead of zeroing the gradients",
         _variant(_Q2, _ZERO_GRAD, ("torch.optim.Adam(model.parameters(), lr=lr)",
                                    "torch.optim.Adam(model.parameters(), lr=lr / 10)"))),
        ("lowers the learning rate a hundredfold instead",
         _variant(_Q2, _ZERO_GRAD, ("torch.optim.Adam(model.parameters(), lr=lr)",
                                    "torch.optim.Adam(model.parameters(), lr=lr / 100)"))),
        ("zeroes the gradients after backward, before step",
         _variant(_Q2, _ZERO_GRAD, ("    loss.backward()\n", "    loss.backward()\n    optimizer.zero_grad()\n"))),
        ("zeroes the gradients once per epoch",
         _variant(_Q2, _ZERO_GRAD, ("for epoch in range(epochs):\n", "for epoch in range(epochs):\n    optimizer.zero_grad()\n"))),
    ],
    "3": [
        ("drops the normalisation at prediction time", _variant(_Q3, (_PREDICT_STD, "x_std = x"))),
        ("uses the training mean but the batch's own std",
         _variant(_Q3, (_PREDICT_STD, "x_std = (x - mean) / x.std(dim=0).clamp_min(1.0)"))),
        ("uses the batch's own mean with the training std",
         _variant(_Q3, (_PREDICT_STD, "x_std = (x - x.mean(dim=0)) / std"))),
        ("normalises with the statistics of the whole new data set, computed once",
         _variant(_Q3, ("def predict(x):", "new_mean, new_std = x_new.mean(dim=0), x_new.std(dim=0).clamp_min(1.0)\n\n"
                        "def predict(x):"),
                  (_PREDICT_STD, "x_std = (x - new_mean) / new_std"))),
        ("standardises each image by its own mean and std",
         _variant(_Q3, (_PREDICT_STD, "x_std = (x - x.mean(dim=1, keepdim=True)) / x.std(dim=1, keepdim=True)"))),
        ("scales to [0, 1] by dividing by 16", _variant(_Q3, (_PREDICT_STD, "x_std = x / 16"))),
    ],
    "4": [
        ("reshape instead of view (same memory order)",
         _variant(_Q4, (_FLATTEN, "features = seq.reshape(batch_size, -1)"))),
        ("transpose then view (fails on a non-contiguous tensor)",
         _variant(_Q4, (_FLATTEN, "features = seq.transpose(0, 1).view(batch_size, -1)"))),
        ("permutes the wrong axes: (cột, mẫu, hàng)",
         _variant(_Q4, (_FLATTEN, "features = seq.permute(2, 1, 0).reshape(batch_size, -1)"))),
        ("flattens to (64, B) and transposes",
         _variant(_Q4, (_FLATTEN, "features = seq.reshape(-1, batch_size).T"))),
        ("contiguous().view: still the same memory order",
         _variant(_Q4, (_FLATTEN, "features = seq.contiguous().view(batch_size, -1)"))),
    ],
    "5": [
        ("removes the scheduler step altogether", _variant(_Q5, (_EPOCH_STEP, ""))),
        ("keeps stepping per iteration with gamma 0.99",
         _variant(_Q5, (_EPOCH_STEP, ""), _PER_ITERATION, ("gamma=0.3", "gamma=0.99"))),
        ("steps the scheduler at the start of each epoch",
         _variant(_Q5, (_EPOCH_STEP, ""), ("for epoch in range(epochs):\n", "for epoch in range(epochs):\n    scheduler.step()\n"))),
        ("steps per iteration with step_size = 5 * (len(x_train) // BATCH): off by one batch per epoch",
         _variant(_Q5, (_EPOCH_STEP, ""), _PER_ITERATION,
                  ("step_size=5,", "step_size=5 * (len(x_train) // BATCH),"))),
        ("keeps the per-iteration step, raises the learning rate tenfold",
         _variant(_Q5, (_EPOCH_STEP, ""), _PER_ITERATION, ("lr=lr, momentum=0.9", "lr=10 * lr, momentum=0.9"))),
    ],
    "6": [
        ("drops the augmentation", "return x, y"),
        ("swaps every flipped label, up/down included", _variant(_Q6, (_SWAP, "y = torch.where(flip, y ^ 1, y)"))),
        ("flips vertically and swaps left/right",
         _variant(_Q6, ("x.flip(dims=[-1])", "x.flip(dims=[-2])"))),
        ("swaps the labels but forgets to flip the images",
         _variant(_Q6, ("x = torch.where(flip[:, None, None], x.flip(dims=[-1]), x)\n", ""))),
        ("flips every image (p ignored) and swaps",
         _variant(_Q6, ("< p).to(x.device)", "< 1.0).to(x.device)"))),
        ("flips in place, modifying the caller's tensor",
         _variant(_Q6, ("x = torch.where(flip[:, None, None], x.flip(dims=[-1]), x)",
                        "x[flip] = x[flip].flip(dims=[-1])"))),
    ],
    "7": [
        ("loss over the whole batch, not example i",
         [_variant(_Q7_NORMS, ("weights = torch.randn(out[i].shape", "weights = torch.randn(out.shape"),
                   (_NORMS_LOSS, "loss_i = (out * weights).sum()")), None]),
        ("plain sum of example i's outputs (zero gradient after a softmax)",
         [_variant(_Q7_NORMS, (_NORMS_LOSS, "loss_i = out[i].sum()")), None]),
        ("puts the model in eval mode first",
         [_variant(_Q7_NORMS, ("out = model(x)", "model.eval()\nout = model(x)")), None]),
        ("uses loss.backward(), leaving gradients on the parameters",
         [_variant(_Q7_NORMS, (_NORMS_GRAD, "loss_i.backward()\ngrad = x.grad")), None]),
        ("only looks at example i", [None, "norms = input_gradient_norms(model, x, i)\nreturn bool(norms[i] == 0)"]),
        ("answers 'no mixing' when every gradient is zero",
         [None, "norms = input_gradient_norms(model, x, i)\nothers = torch.cat([norms[:i], norms[i + 1:]])\n"
                "return bool((others > rel_tol * norms.max()).any())"]),
    ],
    "8": [
        ("normalises to NFD", _variant(_Q8, ('unicodedata.normalize("NFC", s)', 'unicodedata.normalize("NFD", s)'))),
        ("normalises to NFKC", _variant(_Q8, ('unicodedata.normalize("NFC", s)', 'unicodedata.normalize("NFKC", s)'))),
        ("NFC only, invisible characters and no-break spaces kept", 'return unicodedata.normalize("NFC", s)'),
        ("NFC first, invisible characters removed afterwards",
         's = unicodedata.normalize("NFC", s)\nfor invisible in ("\\u200b", "\\ufeff"):\n    s = s.replace(invisible, "")\n'
         'return s.replace("\\u00a0", " ")'),
        ("also lowercases", _variant(_Q8, ('return unicodedata.normalize("NFC", s)',
                                           'return unicodedata.normalize("NFC", s).lower()'))),
        ("strips the diacritics",
         _variant(_Q8, ('return unicodedata.normalize("NFC", s)',
                        'decomposed = unicodedata.normalize("NFD", s)\n'
                        'return "".join(c for c in decomposed if not unicodedata.combining(c))'))),
    ],
    "9": [
        ("detects a fixed list of typical sequences",
         ['return any(mark in s for mark in ("Ã", "á»", "áº", "Ä‘"))', None]),
        ("repairs without detecting first",
         [None, 'try:\n    return cp1252_bytes(s).decode("utf-8"), "đã sửa"\n'
                'except (UnicodeEncodeError, UnicodeDecodeError):\n    return s, "không sửa được"']),
        ("uses Python's strict cp1252 codec (fails on U+0081, U+008D, ...)",
         [None, _variant(_Q9_REPAIR, (_DECODE, 'text = text.encode("cp1252").decode("utf-8")'))]),
        ("decodes with errors='replace'",
         [None, _variant(_Q9_REPAIR, (_DECODE, 'text = cp1252_bytes(text).decode("utf-8", errors="replace")'))]),
        ("decodes with errors='ignore'",
         [None, _variant(_Q9_REPAIR, (_DECODE, 'text = cp1252_bytes(text).decode("utf-8", errors="ignore")'))]),
        ("repairs only one round",
         [None, _variant(_Q9_REPAIR, ("    if not looks_like_mojibake(text):\n        return text, \"đã sửa\"\n",
                                      "    return text, \"đã sửa\"\n"))]),
    ],
}
