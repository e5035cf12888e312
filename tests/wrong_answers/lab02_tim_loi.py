"""Plausible wrong answers and correct alternatives for solutions/lab02_tim_loi.ipynb.

Format: tests/wrong_answers/__init__.py. Each wrong answer is the solution's region with one plausible
mistake (a fix of the wrong line that moves a number in the right direction, a half-right fix, a slip
that the text warns about) and the piece of the Vietnamese message the learner must see for it. The
base bodies below are copies of the solution regions; ``_variant`` fails loudly when the solution changes.
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
n = len(X_FILES)
losses = []
for epoch in range(epochs):
    total = 0.0
    for idx in epoch_batches(n, gen):  # xáo lại mỗi epoch: batch nào cũng có đủ các chữ số
        x, y = X_FILES[idx] / 16, Y_FILES[idx]
        loss = F.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
    losses.append(total / n)
return {"losses": losses, "acc": accuracy(model, x_test / 16, y_test)}
'''

_Q2 = r'''
encoder, head = make_encoder_head(seed)
optimizer = torch.optim.Adam(list(encoder.parameters()) + list(head.parameters()), lr=lr)
gen = torch.Generator().manual_seed(seed)
code_mean = torch.zeros(N_CODE, device=DEVICE)
losses = []
for epoch in range(epochs):
    total = 0.0
    for idx in epoch_batches(len(x_train), gen):
        x, y = x_train[idx] / 16, y_train[idx]
        codes = encoder(x)  # giữ đồ thị: gradient của mất mát phải chảy về encoder
        code_mean = 0.9 * code_mean + 0.1 * codes.detach().mean(dim=0)  # chỉ nhánh theo dõi mới tách ra
        loss = F.cross_entropy(head(codes), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(idx)
    losses.append(total / len(x_train))
with torch.no_grad():
    acc = (head(encoder(x_test / 16)).argmax(dim=1) == y_test).float().mean().item()
return {"losses": losses, "acc": acc, "code_mean": code_mean}
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
optimizer = torch.optim.Adam(model.parameters(), lr=lr)
gen = torch.Generator().manual_seed(seed)
losses = []
for epoch in range(epochs):
    total = 0.0
    for idx in epoch_batches(len(x_train), gen):
        x, y = prepare(x_train[idx], gen), y_train[idx]  # tăng cường dữ liệu: chỉ lúc huấn luyện
        loss = F.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(idx)
    losses.append(total / len(x_train))

def predict(x):
    """Nhãn dự đoán cho một batch ảnh thô."""
    with torch.no_grad():
        return model(prepare(x, gen, augment=False)).argmax(dim=1)  # đánh giá: không có gì ngẫu nhiên

acc = (predict(x_test) == y_test).float().mean().item()
return {"losses": losses, "acc": acc, "predict": predict}
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
# gradient theo đầu vào, không chạm vào .grad của tham số; None khi đầu ra không nối với x
(grad,) = torch.autograd.grad(loss_i, x, allow_unused=True)
if grad is None:
    return torch.zeros(len(x), device=x.device)
return grad.flatten(start_dim=1).norm(dim=1)
'''

_Q7_MIXES = r'''
if len(x) < 2:
    raise ValueError("Batch chỉ có một mẫu: không có mẫu nào khác để kiểm tra sự trộn lẫn.")
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

_Q1_BATCHES = "    for idx in epoch_batches(n, gen):  # xáo lại mỗi epoch: batch nào cũng có đủ các chữ số\n"
_Q1_SORTED_LOOP = ("    for start in range(0, n, BATCH):\n"
                   "        idx = torch.arange(start, min(start + BATCH, n))\n")
_Q2_CODES = "codes = encoder(x)  # giữ đồ thị: gradient của mất mát phải chảy về encoder"
_Q2_MEAN = "code_mean = 0.9 * code_mean + 0.1 * codes.detach().mean(dim=0)  # chỉ nhánh theo dõi mới tách ra"
_Q2_OPT = "optimizer = torch.optim.Adam(list(encoder.parameters()) + list(head.parameters()), lr=lr)"
_PREDICT_STD = "x_std = (x - mean) / std  # đúng thống kê của tập huấn luyện, không phải của batch đang dự đoán"
_FLATTEN = "features = seq.permute(1, 0, 2).reshape(batch_size, -1)  # (8, B, 8) -> (B, 8, 8) -> (B, 64)"
_Q5_TRAIN = "x, y = prepare(x_train[idx], gen), y_train[idx]  # tăng cường dữ liệu: chỉ lúc huấn luyện"
_Q5_EVAL = "return model(prepare(x, gen, augment=False)).argmax(dim=1)  # đánh giá: không có gì ngẫu nhiên"
_SWAP = "y = torch.where(flip & horizontal, 1 - y, y)"
_NORMS_LOSS = "loss_i = (out[i] * weights).sum()  # \"mất mát\" chỉ của mẫu i"
_NORMS_GRAD = "(grad,) = torch.autograd.grad(loss_i, x, allow_unused=True)"
_NORMS_COPY = "x = x.detach().clone().requires_grad_(True)  # bản sao riêng: không đụng vào x của người gọi"
_MIXES_GUARD = ("if len(x) < 2:\n"
                "    raise ValueError(\"Batch chỉ có một mẫu: không có mẫu nào khác để kiểm tra sự trộn lẫn.\")\n")
_DECODE = "text = cp1252_bytes(text).decode(\"utf-8\")  # giải mã nghiêm ngặt: byte hỏng thì báo lỗi"
_Q8_RETURN = 'return unicodedata.normalize("NFC", s)'
_Q9_LOOP_END = "return s, \"không sửa được\"\n'''"

WRONG_ANSWERS: dict[str, list[tuple[str, str | list[str | None], str]]] = {
    "1": [
        # new (lab 02 rewrite): the data arrive sorted by class, the loop never shuffles
        ("keeps the file order, lowers the learning rate tenfold",
         _variant(_Q1, (_Q1_BATCHES, _Q1_SORTED_LOOP), ("lr=lr, momentum=0.9", "lr=lr / 10, momentum=0.9")),
         "Lỗi vẫn còn"),
        ("keeps the file order, switches to Adam",
         _variant(_Q1, (_Q1_BATCHES, _Q1_SORTED_LOOP),
                  ("torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)", "torch.optim.Adam(model.parameters(), lr=1e-2)")),
         "Lỗi vẫn còn"),
        ("shuffles the order of the batches, not the images (each batch still holds one digit)",
         _variant(_Q1, (_Q1_BATCHES, "    for idx in [torch.arange(n).split(BATCH)[k] for k in torch.randperm(-(-n // BATCH), generator=gen)]:\n")),
         "Lỗi vẫn còn"),
        ("shuffles the images inside each batch only",
         _variant(_Q1, (_Q1_BATCHES, "    for idx in [b[torch.randperm(len(b), generator=gen)] for b in torch.arange(n).split(BATCH)]:\n")),
         "Lỗi vẫn còn"),
        ("walks the files backwards every other epoch",
         _variant(_Q1, (_Q1_BATCHES, "    order = torch.arange(n) if epoch % 2 == 0 else torch.arange(n).flip(0)\n"
                                     "    for idx in order.split(BATCH):\n")),
         "Lỗi vẫn còn"),
        ("shuffles, and also trains three times longer",
         _variant(_Q1, ("for epoch in range(epochs):", "for epoch in range(3 * epochs):")), "ở chỗ khác nữa"),
        ("shuffles, and also doubles the learning rate",
         _variant(_Q1, ("lr=lr, momentum=0.9", "lr=2 * lr, momentum=0.9")), "ở chỗ khác nữa"),
        ("forgets the return statement",
         _variant(_Q1, ('return {"losses": losses, "acc": accuracy(model, x_test / 16, y_test)}', 'result = {"losses": losses}')),
         "trả về None"),
    ],
    "2": [
        # new (lab 02 rewrite): a .detach() cuts the encoder off the loss
        ("removes both detaches: code_mean keeps the graph of every step",
         _variant(_Q2, (_Q2_MEAN, "code_mean = 0.9 * code_mean + 0.1 * codes.mean(dim=0)")), "kéo theo đồ thị tính toán"),
        ("keeps the detach, raises the learning rate tenfold",
         _variant(_Q2, (_Q2_CODES, "codes = encoder(x).detach()"), ("lr=lr)", "lr=10 * lr)")),
         "một phần của mô hình vẫn không học"),
        ("keeps the detach, trains three times longer",
         _variant(_Q2, (_Q2_CODES, "codes = encoder(x).detach()"), ("for epoch in range(epochs):", "for epoch in range(3 * epochs):")),
         "một phần của mô hình vẫn không học"),
        ("replaces .detach() by .data (same cut)",
         _variant(_Q2, (_Q2_CODES, "codes = encoder(x).data")), "một phần của mô hình vẫn không học"),
        ("computes the codes under torch.no_grad()",
         _variant(_Q2, (_Q2_CODES, "with torch.no_grad():\n            codes = encoder(x)")),
         "một phần của mô hình vẫn không học"),
        ("turns requires_grad back on after the detach (a new leaf: the encoder still gets nothing)",
         _variant(_Q2, (_Q2_CODES, "codes = encoder(x).detach().requires_grad_(True)")),
         "một phần của mô hình vẫn không học"),
        ("removes the detach but gives the optimizer only the head's parameters",
         _variant(_Q2, (_Q2_OPT, "optimizer = torch.optim.Adam(head.parameters(), lr=lr)")),
         "một phần của mô hình vẫn không học"),
        ("keeps the detach, gives the head a hidden layer",
         _variant(_Q2, (_Q2_CODES, "codes = encoder(x).detach()"),
                  ("encoder, head = make_encoder_head(seed)\n",
                   "encoder, head = make_encoder_head(seed)\n"
                   "head = nn.Sequential(nn.Linear(N_CODE, 64), nn.ReLU(), nn.Linear(64, 10)).to(DEVICE)\n")),
         "một phần của mô hình vẫn không học"),
    ],
    "3": [
        ("drops the normalisation at prediction time", _variant(_Q3, (_PREDICT_STD, "x_std = x")),
         "giống hệt lúc huấn luyện"),
        ("uses the training mean but the batch's own std",
         _variant(_Q3, (_PREDICT_STD, "x_std = (x - mean) / x.std(dim=0).clamp_min(1.0)")), "phụ thuộc vào những ảnh đi cùng"),
        ("uses the batch's own mean with the training std",
         _variant(_Q3, (_PREDICT_STD, "x_std = (x - x.mean(dim=0)) / std")), "có còn được biến đổi giống hệt"),
        ("normalises with the statistics of the whole new data set, computed once",
         _variant(_Q3, ("def predict(x):", "new_mean, new_std = x_new.mean(dim=0), x_new.std(dim=0).clamp_min(1.0)\n\n"
                        "def predict(x):"),
                  (_PREDICT_STD, "x_std = (x - new_mean) / new_std")), "có còn được biến đổi giống hệt"),
        ("standardises each image by its own mean and std",
         _variant(_Q3, (_PREDICT_STD, "x_std = (x - x.mean(dim=1, keepdim=True)) / x.std(dim=1, keepdim=True)")),
         "có còn được biến đổi giống hệt"),
        ("scales to [0, 1] by dividing by 16", _variant(_Q3, (_PREDICT_STD, "x_std = x / 16")),
         "giống hệt lúc huấn luyện"),
        # new: statistics leak
        ("takes the statistics from the training set and the new data together (leak)",
         _variant(_Q3, ("mean = x_train.mean(dim=0)\nstd = x_train.std(dim=0).clamp_min(1.0)",
                        "pool = torch.cat([x_train, x_new])\nmean = pool.mean(dim=0)\nstd = pool.std(dim=0).clamp_min(1.0)")),
         "rò rỉ dữ liệu"),
        ("takes the statistics from the training set and the new data, weighting the new data like one more batch",
         _variant(_Q3, ("mean = x_train.mean(dim=0)\nstd = x_train.std(dim=0).clamp_min(1.0)",
                        "pool = torch.cat([x_train, x_new[:BATCH]])\nmean = pool.mean(dim=0)\nstd = pool.std(dim=0).clamp_min(1.0)")),
         "rò rỉ dữ liệu"),
        ("normalises the images in place inside predict (the caller's tensor changes)",
         _variant(_Q3, (_PREDICT_STD, "x_std = x.sub_(mean).div_(std)")), "sửa tại chỗ"),
    ],
    "4": [
        ("reshape instead of view (same memory order)",
         _variant(_Q4, (_FLATTEN, "features = seq.reshape(batch_size, -1)")), "mỗi hàng có còn là một ảnh"),
        ("transpose then view (fails on a non-contiguous tensor)",
         _variant(_Q4, (_FLATTEN, "features = seq.transpose(0, 1).view(batch_size, -1)")), "view size is not compatible"),
        ("permutes the wrong axes: (cột, mẫu, hàng)",
         _variant(_Q4, (_FLATTEN, "features = seq.permute(2, 1, 0).reshape(batch_size, -1)")), "mỗi hàng có còn là một ảnh"),
        ("flattens to (64, B) and transposes",
         _variant(_Q4, (_FLATTEN, "features = seq.reshape(-1, batch_size).T")), "mỗi hàng có còn là một ảnh"),
        ("contiguous().view: still the same memory order",
         _variant(_Q4, (_FLATTEN, "features = seq.contiguous().view(batch_size, -1)")), "mỗi hàng có còn là một ảnh"),
    ],
    "5": [
        # new (lab 02 rewrite): augmentation left on at evaluation time
        ("drops the augmentation altogether (training and evaluation)",
         _variant(_Q5, (_Q5_TRAIN, "x, y = prepare(x_train[idx], gen, augment=False), y_train[idx]")),
         "Tăng cường dữ liệu lúc huấn luyện không phải là lỗi"),
        ("turns the augmentation off in training and keeps it at evaluation",
         _variant(_Q5, (_Q5_TRAIN, "x, y = prepare(x_train[idx], gen, augment=False), y_train[idx]"),
                  (_Q5_EVAL, "return model(prepare(x, gen)).argmax(dim=1)")),
         "Tăng cường dữ liệu lúc huấn luyện không phải là lỗi"),
        ("keeps the augmentation at evaluation, with a fixed seed so results repeat",
         _variant(_Q5, (_Q5_EVAL, "return model(prepare(x, torch.Generator().manual_seed(0))).argmax(dim=1)")),
         "Một seed cố định"),
        ("adds model.eval() before evaluating (no dropout here: nothing changes)",
         _variant(_Q5, (_Q5_EVAL, "model.eval()\n        return model(prepare(x, gen)).argmax(dim=1)")),
         "gọi predict hai lần"),
        ("averages the predictions over five augmented copies",
         _variant(_Q5, (_Q5_EVAL, "return sum(model(prepare(x, gen)).softmax(dim=1) for _ in range(5)).argmax(dim=1)")),
         "gọi predict hai lần"),
    ],
    "6": [
        ("drops the augmentation", "return x, y", "Bỏ tăng cường dữ liệu"),
        ("swaps every flipped label, up/down included", _variant(_Q6, (_SWAP, "y = torch.where(flip, y ^ 1, y)")),
         "nhãn không khớp"),
        ("flips vertically and swaps left/right",
         _variant(_Q6, ("x.flip(dims=[-1])", "x.flip(dims=[-2])")), "chỉ lật ngang"),
        ("swaps the labels but forgets to flip the images",
         _variant(_Q6, ("x = torch.where(flip[:, None, None], x.flip(dims=[-1]), x)\n", "")), "số ảnh được lật"),
        ("flips every image (p ignored) and swaps",
         _variant(_Q6, ("< p).to(x.device)", "< 1.0).to(x.device)")), "số ảnh được lật"),
        ("forgets the return statement", _variant(_Q6, ("return x, y", "augmented = (x, y)")), "chưa có dòng return"),
        ("flips in place, modifying the caller's tensor",
         _variant(_Q6, ("x = torch.where(flip[:, None, None], x.flip(dims=[-1]), x)",
                        "x[flip] = x[flip].flip(dims=[-1])")), "sửa tại chỗ"),
    ],
    "7": [
        ("loss over the whole batch, not example i",
         [_variant(_Q7_NORMS, ("weights = torch.randn(out[i].shape", "weights = torch.randn(out.shape"),
                   (_NORMS_LOSS, "loss_i = (out * weights).sum()")), None], "không phải của cả batch"),
        ("plain sum of example i's outputs (zero gradient after a softmax)",
         [_variant(_Q7_NORMS, (_NORMS_LOSS, "loss_i = out[i].sum()")), None], "out[i].sum() luôn bằng 1"),
        ("puts the model in eval mode first",
         [_variant(_Q7_NORMS, ("out = model(x)", "model.eval()\nout = model(x)")), None], "đổi chế độ train/eval"),
        ("uses loss.backward(), leaving gradients on the parameters",
         [_variant(_Q7_NORMS, (_NORMS_GRAD + "\nif grad is None:\n    return torch.zeros(len(x), device=x.device)",
                               "loss_i.backward()\ngrad = x.grad")), None], "để lại gradient trên tham số"),
        ("only looks at example i",
         [None, "norms = input_gradient_norms(model, x, i)\nreturn bool(norms[i] == 0)"], "phải xét mọi mẫu j ≠ i"),
        ("answers 'no mixing' when every gradient is zero",
         [None, "norms = input_gradient_norms(model, x, i)\nothers = torch.cat([norms[:i], norms[i + 1:]])\n"
                "return bool((others > rel_tol * norms.max()).any())"], "thay vì ném ValueError"),
        # new: caller's tensors, parameters that must be read, error classes and their messages
        ("sets requires_grad on the caller's x (no copy)",
         [_variant(_Q7_NORMS, (_NORMS_COPY, "x.requires_grad_(True)")), None], "đã sửa x của người gọi"),
        ("hard-codes the threshold 1e-6 instead of reading rel_tol",
         [None, _variant(_Q7_MIXES, ("others > rel_tol * largest", "others > 1e-6 * largest"))], "đừng viết cứng 1e-6"),
        ("takes the 'loss' of example 0 whatever i is",
         [_variant(_Q7_NORMS, ("weights = torch.randn(out[i].shape", "weights = torch.randn(out[0].shape"),
                   (_NORMS_LOSS, "loss_i = (out[0] * weights).sum()")), None], "không phải mẫu i"),
        ("raises ValueError without a message",
         [None, _variant(_Q7_MIXES,
                         ('raise ValueError("Gradient bằng 0 ở mọi mẫu: phép thử không kết luận được gì "\n'
                          '                     "(đầu ra không phụ thuộc đầu vào, chẳng hạn mọi ReLU đều chết).")',
                          "raise ValueError()"))], "không nói rõ lý do"),
        ("no check for a batch of one example",
         [None, _variant(_Q7_MIXES, (_MIXES_GUARD, ""))], "batch chỉ có một mẫu"),
        ("torch.autograd.grad without allow_unused (fails when the output ignores x)",
         [_variant(_Q7_NORMS, (_NORMS_GRAD, "(grad,) = torch.autograd.grad(loss_i, x)")), None], "allow_unused"),
        ("forgets the return statement in input_gradient_norms",
         [_variant(_Q7_NORMS, ("return grad.flatten(start_dim=1).norm(dim=1)", "norms = grad.flatten(start_dim=1).norm(dim=1)")),
          None], "chưa có dòng return"),
        ("returns a tensor instead of a bool",
         [None, _variant(_Q7_MIXES, ("return bool((others > rel_tol * largest).any())",
                                     "return (others > rel_tol * largest).any()"))], "kiểu bool"),
    ],
    "8": [
        ("normalises to NFD", _variant(_Q8, ('unicodedata.normalize("NFC", s)', 'unicodedata.normalize("NFD", s)')),
         "chưa ở dạng NFC"),
        ("normalises to NFKC", _variant(_Q8, ('unicodedata.normalize("NFC", s)', 'unicodedata.normalize("NFKC", s)')),
         "NFKC"),
        ("NFC only, invisible characters and no-break spaces kept", 'return unicodedata.normalize("NFC", s)',
         "vẫn còn ký tự vô hình"),
        ("NFC first, invisible characters removed afterwards",
         's = unicodedata.normalize("NFC", s)\nfor invisible in ("\\u200b", "\\ufeff"):\n    s = s.replace(invisible, "")\n'
         'return s.replace("\\u00a0", " ")', "chưa ở dạng NFC"),
        ("also lowercases", _variant(_Q8, (_Q8_RETURN, 'return unicodedata.normalize("NFC", s).lower()')), "chữ hoa"),
        ("strips the diacritics",
         _variant(_Q8, (_Q8_RETURN, 'decomposed = unicodedata.normalize("NFD", s)\n'
                                    'return "".join(c for c in decomposed if not unicodedata.combining(c))')),
         "nội dung đã bị thay đổi"),
        # new: "change nothing else"
        ("also collapses runs of whitespace", _variant(_Q8, (_Q8_RETURN, 'return " ".join(unicodedata.normalize("NFC", s).split())')),
         "khoảng trắng đã bị đổi"),
        ("also strips leading and trailing whitespace", _variant(_Q8, (_Q8_RETURN, 'return unicodedata.normalize("NFC", s).strip()')),
         "khoảng trắng đã bị đổi"),
        ("turns every whitespace character (tab, newline, no-break space) into a space",
         'import re\ns = re.sub(r"\\s", " ", s.replace("\\u200b", "").replace("\\ufeff", ""))\n'
         'return unicodedata.normalize("NFC", s)', "khoảng trắng đã bị đổi"),
        ("removes every invisible format character (Unicode category Cf), joiners included",
         's = "".join(c for c in s if unicodedata.category(c) != "Cf")\ns = s.replace("\\u00a0", " ")\n'
         'return unicodedata.normalize("NFC", s)', "U+200D"),
        ("also removes soft hyphens",
         _variant(_Q8, ('for invisible in ("\\u200b", "\\ufeff"):', 'for invisible in ("\\u200b", "\\ufeff", "\\u00ad"):')),
         "U+00AD"),
        ("removes the byte order mark only at the start",
         's = s.lstrip("\\ufeff").replace("\\u200b", "").replace("\\u00a0", " ")\nreturn unicodedata.normalize("NFC", s)',
         "không chỉ ở đầu chuỗi"),
        ("forgets the return statement", _variant(_Q8, (_Q8_RETURN, 's = unicodedata.normalize("NFC", s)')),
         "chưa có dòng return"),
    ],
    "9": [
        ("detects a fixed list of typical sequences",
         ['return any(mark in s for mark in ("Ã", "á»", "áº", "Ä‘"))', None], "danh sách chuỗi cố định"),
        ("repairs without detecting first",
         [None, 'try:\n    return cp1252_bytes(s).decode("utf-8"), "đã sửa"\n'
                'except (UnicodeEncodeError, UnicodeDecodeError):\n    return s, "không sửa được"'], "chỉ sửa khi phát hiện"),
        ("uses Python's strict cp1252 codec (fails on U+0081, U+008D, ...)",
         [None, _variant(_Q9_REPAIR, (_DECODE, 'text = text.encode("cp1252").decode("utf-8")'))], "hãy dùng cp1252_bytes"),
        ("decodes with errors='replace'",
         [None, _variant(_Q9_REPAIR, (_DECODE, 'text = cp1252_bytes(text).decode("utf-8", errors="replace")'))],
         "giải mã UTF-8 nghiêm ngặt"),
        ("decodes with errors='ignore'",
         [None, _variant(_Q9_REPAIR, (_DECODE, 'text = cp1252_bytes(text).decode("utf-8", errors="ignore")'))],
         "giải mã UTF-8 nghiêm ngặt"),
        ("repairs only one round",
         [None, _variant(_Q9_REPAIR, ("    if not looks_like_mojibake(text):\n        return text, \"đã sửa\"\n",
                                      "    return text, \"đã sửa\"\n"))], "tối đa max_rounds lần"),
        # new: the round limit, half-repaired results, types of the results
        ("ignores max_rounds: repairs until no trace is left",
         [None, 'if not looks_like_mojibake(s):\n    return s, "sạch"\ntext = s\nwhile looks_like_mojibake(text):\n'
                '    try:\n        text = cp1252_bytes(text).decode("utf-8")\n'
                '    except (UnicodeEncodeError, UnicodeDecodeError):\n        return s, "không sửa được"\n'
                'return text, "đã sửa"'], "phải dừng ở giới hạn max_rounds"),
        ("returns the half-repaired text when the rounds run out",
         [None, _variant(_Q9_REPAIR, ('        return text, "đã sửa"\nreturn s, "không sửa được"',
                                      '        return text, "đã sửa"\nreturn text, "không sửa được"'))], "nguyên chuỗi đầu vào"),
        ("calls the half-repaired text repaired when the rounds run out",
         [None, _variant(_Q9_REPAIR, ('        return text, "đã sửa"\nreturn s, "không sửa được"',
                                      '        return text, "đã sửa"\nreturn text, "đã sửa"'))], "phải dừng ở giới hạn max_rounds"),
        ("one round too few (range(max_rounds - 1))",
         [None, _variant(_Q9_REPAIR, ("for _ in range(max_rounds):", "for _ in range(max_rounds - 1):"))],
         "tối đa max_rounds lần"),
        ("returns the match object instead of a bool",
         [_variant(_Q9_LOOKS, ('return UTF8_MULTIBYTE.search(b"".join(pieces)) is not None',
                               'return UTF8_MULTIBYTE.search(b"".join(pieces))')), None], "kiểu bool"),
        ("status words without diacritics",
         [None, _variant(_Q9_REPAIR, ('return s, "sạch"', 'return s, "sach"'))], "viết đúng từng chữ"),
        ("forgets the return statement in looks_like_mojibake",
         [_variant(_Q9_LOOKS, ('return UTF8_MULTIBYTE.search(b"".join(pieces)) is not None',
                               'found = UTF8_MULTIBYTE.search(b"".join(pieces)) is not None')), None], "chưa có dòng return"),
    ],
}

CORRECT_ANSWERS: dict[str, list[tuple[str, str | list[str | None]]]] = {
    "1": [
        ("reshuffles with the global torch generator",
         _variant(_Q1, (_Q1_BATCHES, "    for idx in torch.randperm(n).split(BATCH):\n"))),
        ("shuffles once with numpy before training",
         _variant(_Q1, ("n = len(X_FILES)\n", "n = len(X_FILES)\norder = torch.as_tensor(np.random.default_rng(seed).permutation(n))\n"),
                  (_Q1_BATCHES, "    for idx in order.split(BATCH):\n"))),
        ("a DataLoader with shuffle=True",
         _variant(_Q1, ("n = len(X_FILES)\n",
                        "n = len(X_FILES)\nloader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X_FILES, Y_FILES), "
                        "batch_size=BATCH, shuffle=True, generator=gen)\n"),
                  (_Q1_BATCHES, "    for x, y in loader:\n"),
                  ("        x, y = X_FILES[idx] / 16, Y_FILES[idx]\n", "        x = x / 16\n"))),
        ("random.shuffle of a Python list each epoch",
         _variant(_Q1, (_Q1_BATCHES, "    order = list(range(n))\n    random.shuffle(order)\n"
                                     "    for idx in torch.tensor(order).split(BATCH):\n"))),
    ],
    "2": [
        ("updates code_mean under torch.no_grad()",
         _variant(_Q2, (_Q2_MEAN, "with torch.no_grad():\n            code_mean = 0.9 * code_mean + 0.1 * codes.mean(dim=0)"))),
        ("detaches the whole running mean", _variant(_Q2, (_Q2_MEAN, "code_mean = (0.9 * code_mean + 0.1 * codes.mean(dim=0)).detach()"))),
        ("updates code_mean in place from detached codes",
         _variant(_Q2, (_Q2_MEAN, "code_mean.mul_(0.9).add_(codes.detach().mean(dim=0), alpha=0.1)"))),
    ],
    "3": [
        ("torch.std_mean for the training statistics",
         _variant(_Q3, ("mean = x_train.mean(dim=0)\nstd = x_train.std(dim=0).clamp_min(1.0)",
                        "std, mean = torch.std_mean(x_train, dim=0)\nstd = std.clamp_min(1.0)"))),
        ("population standard deviation (correction=0)",
         _variant(_Q3, ("std = x_train.std(dim=0).clamp_min(1.0)", "std = x_train.std(dim=0, correction=0).clamp_min(1.0)"))),
        ("a Normalizer object holding the training statistics",
         _variant(_Q3, (_PREDICT_STD, "x_std = (x - stats['mean']) / stats['std']"),
                  ("x_train_std = (x_train - mean) / std", "stats = {'mean': mean.clone(), 'std': std.clone()}\n"
                                                           "x_train_std = (x_train - stats['mean']) / stats['std']"))),
    ],
    "4": [
        ("transpose then reshape", _variant(_Q4, (_FLATTEN, "features = seq.transpose(0, 1).reshape(batch_size, -1)"))),
        ("permute, contiguous, view", _variant(_Q4, (_FLATTEN, "features = seq.permute(1, 0, 2).contiguous().view(batch_size, -1)"))),
        ("concatenates the rows along the feature axis", _variant(_Q4, (_FLATTEN, "features = torch.cat(list(seq), dim=1)"))),
    ],
    "5": [
        ("no generator at evaluation", _variant(_Q5, (_Q5_EVAL, "return model(prepare(x, None, augment=False)).argmax(dim=1)"))),
        ("scales by hand at evaluation", _variant(_Q5, (_Q5_EVAL, "return model(x.reshape(len(x), 64) / 16).argmax(dim=1)"))),
        ("model.eval() and no augmentation",
         _variant(_Q5, (_Q5_EVAL, "model.eval()\n        return model(prepare(x, gen, augment=False)).argmax(dim=1)"))),
    ],
    "6": [
        ("draws the flips with torch.bernoulli (the same uniform draws as rand < p)",
         _variant(_Q6, ("flip = (torch.rand(len(x), generator=gen) < p).to(x.device)",
                        "flip = torch.bernoulli(torch.full((len(x),), p), generator=gen).bool().to(x.device)"))),
        ("a lookup table for the swapped labels",
         _variant(_Q6, (_SWAP, "y = torch.where(flip, torch.tensor([1, 0, 2, 3], device=y.device)[y], y)"))),
        ("two nested where calls",
         _variant(_Q6, (_SWAP, "y = torch.where(flip & (y == 0), 1, torch.where(flip & (y == 1), 0, y))"))),
        ("edits copies in place",
         _variant(_Q6, ("x = torch.where(flip[:, None, None], x.flip(dims=[-1]), x)", "x = x.clone()\nx[flip] = x[flip].flip(dims=[-1])"),
                  (_SWAP, "y = y.clone()\ny[flip & horizontal] = 1 - y[flip & horizontal]"))),
    ],
    "7": [
        ("clone before detach", [_variant(_Q7_NORMS, (_NORMS_COPY, "x = x.clone().detach().requires_grad_()")), None]),
        ("catches autograd's error for an unused input instead of allow_unused",
         [_variant(_Q7_NORMS, (_NORMS_GRAD, "try:\n    (grad,) = torch.autograd.grad(loss_i, x)\nexcept RuntimeError:\n    grad = None")),
          None]),
        ("a boolean mask for the other examples",
         [None, _variant(_Q7_MIXES, ("others = torch.cat([norms[:i], norms[i + 1:]])",
                                     "mask = torch.ones(len(norms), dtype=torch.bool, device=norms.device)\nmask[i] = False\n"
                                     "others = norms[mask]"))]),
    ],
    "8": [
        ("one regular expression for the invisible characters",
         'import re\ns = re.sub("[\\u200b\\ufeff]", "", s).replace("\\u00a0", " ")\nreturn unicodedata.normalize("NFC", s)'),
        ("str.translate with a table",
         'table = {0x200B: None, 0xFEFF: None, 0x00A0: " "}\nreturn unicodedata.normalize("NFC", s.translate(table))'),
        ("no-break spaces first, then invisible characters",
         's = s.replace("\\u00a0", " ").replace("\\u200b", "").replace("\\ufeff", "")\nreturn unicodedata.normalize("NFC", s)'),
    ],
    "9": [
        ("bool() around the search", [_variant(_Q9_LOOKS, ('return UTF8_MULTIBYTE.search(b"".join(pieces)) is not None',
                                                          'return bool(UTF8_MULTIBYTE.search(b"".join(pieces)))')), None]),
        ("recursive repair with a countdown",
         [None, 'if not looks_like_mojibake(s):\n    return s, "sạch"\n\n'
                'def undo(text, rounds_left):\n    if rounds_left == 0:\n        return None\n'
                '    try:\n        text = cp1252_bytes(text).decode("utf-8")\n'
                '    except (UnicodeEncodeError, UnicodeDecodeError):\n        return None\n'
                '    return text if not looks_like_mojibake(text) else undo(text, rounds_left - 1)\n\n'
                'fixed = undo(s, max_rounds)\nreturn (s, "không sửa được") if fixed is None else (fixed, "đã sửa")']),
    ],
}
