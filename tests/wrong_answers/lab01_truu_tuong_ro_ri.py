"""Wrong and correct answers for solutions/lab01_truu_tuong_ro_ri.ipynb (format: see __init__.py).

Each entry replaces the solution regions of the question's last solution cell, in order;
None keeps the solution's region. ``WRONG_ANSWERS`` entries carry the hint (a substring of
the Vietnamese message) the learner must see; ``CORRECT_ANSWERS`` must pass.
"""

from __future__ import annotations

from tests.wrong_answers import swap as _swap


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line.strip() else line for line in text.strip("\n").split("\n"))


# ---------------------------------------------------------------- Câu 1: MLP forward/backward
_FORWARD = """
Z1 = X @ params["W1"] + params["b1"]
A1 = torch.relu(Z1)
logits = A1 @ params["W2"] + params["b2"]
cache = {"X": X, "Z1": Z1, "A1": A1, "logits": logits}
"""

_BACKWARD = """
X, Z1, A1, logits = cache["X"], cache["Z1"], cache["A1"], cache["logits"]
n = X.shape[0]
dZ2 = torch.softmax(logits, dim=1)
dZ2[torch.arange(n, device=dZ2.device), y] -= 1.0
dZ2 = dZ2 / n
dA1 = dZ2 @ params["W2"].T
dZ1 = dA1 * (Z1 > 0)
grads = {
    "W1": X.T @ dZ1,
    "b1": dZ1.sum(dim=0),
    "W2": A1.T @ dZ2,
    "b2": dZ2.sum(dim=0),
}
"""

_BACKWARD_WITH_AUTOGRAD = """
leaf = {k: v.detach().clone().requires_grad_(True) for k, v in params.items()}
logits = torch.relu(cache["X"] @ leaf["W1"] + leaf["b1"]) @ leaf["W2"] + leaf["b2"]
cross_entropy(logits, y).backward()
grads = {k: v.grad for k, v in leaf.items()}
"""

_BACKWARD_WITH_FUNC_GRAD = """
def loss_of(p):
    return cross_entropy(torch.relu(cache["X"] @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"], y)

grads = torch.func.grad(loss_of)(dict(params))
"""

_BACKWARD_SOFTMAX_IN_PLACE = _swap(
    _BACKWARD, "dZ2 = torch.softmax(logits, dim=1)\n",
    "dZ2 = logits.sub_(logits.amax(dim=1, keepdim=True)).exp_()  # tiết kiệm bộ nhớ: dùng lại logits\n"
    "dZ2 /= dZ2.sum(dim=1, keepdim=True)\n")

_BACKWARD_ACCUMULATES_IN_CACHE = _swap(
    _BACKWARD, """grads = {
    "W1": X.T @ dZ1,
    "b1": dZ1.sum(dim=0),
    "W2": A1.T @ dZ2,
    "b2": dZ2.sum(dim=0),
}""", """grads = cache.setdefault("grads", {k: torch.zeros_like(v) for k, v in params.items()})
grads["W1"] += X.T @ dZ1  # cộng dồn như .grad của PyTorch
grads["b1"] += dZ1.sum(dim=0)
grads["W2"] += A1.T @ dZ2
grads["b2"] += dZ2.sum(dim=0)""")

_BACKWARD_ONE_HOT = """
X, Z1, A1, logits = cache["X"], cache["Z1"], cache["A1"], cache["logits"]
Y = torch.nn.functional.one_hot(y, num_classes=logits.shape[1]).to(logits.dtype)
dZ2 = (torch.softmax(logits, dim=1) - Y) / len(y)
dZ1 = (dZ2 @ params["W2"].T) * (A1 > 0)
grads = {"W2": A1.T @ dZ2, "b2": dZ2.sum(0), "W1": X.T @ dZ1, "b1": dZ1.sum(0)}
"""

_BACKWARD_EINSUM_HAND_SOFTMAX = """
X, Z1, A1, logits = cache["X"], cache["Z1"], cache["A1"], cache["logits"]
exps = torch.exp(logits - logits.max(dim=1, keepdim=True).values)
probs = exps / exps.sum(dim=1, keepdim=True)
Y = torch.zeros_like(probs)
Y[torch.arange(len(y), device=Y.device), y] = 1
dZ2 = (probs - Y) / X.shape[0]
dZ1 = torch.where(Z1 > 0, torch.einsum("nc,hc->nh", dZ2, params["W2"]), torch.zeros_like(Z1))
ones = torch.ones(X.shape[0], dtype=X.dtype, device=X.device)
grads = {"W1": torch.einsum("nd,nh->dh", X, dZ1), "b1": ones @ dZ1,
         "W2": torch.einsum("nh,nc->hc", A1, dZ2), "b2": ones @ dZ2}
"""

_BACKWARD_PER_SAMPLE_LOOP = """
X, Z1, A1, logits = cache["X"], cache["Z1"], cache["A1"], cache["logits"]
n = X.shape[0]
grads = {k: torch.zeros_like(v) for k, v in params.items()}
for i in range(n):
    d_logits = torch.softmax(logits[i], dim=0)
    d_logits[y[i]] -= 1.0
    d_logits = d_logits / n
    d_z1 = (params["W2"] @ d_logits) * (Z1[i] > 0)
    grads["W2"] += torch.outer(A1[i], d_logits)
    grads["b2"] += d_logits
    grads["W1"] += torch.outer(X[i], d_z1)
    grads["b1"] += d_z1
"""

# ---------------------------------------------------------------- Câu 2: gradient checker
_NUMERICAL = """
grad = torch.zeros(x.shape, dtype=x.dtype, device=x.device)
for i in range(x.numel()):
    step = torch.zeros(x.shape, dtype=x.dtype, device=x.device)
    step.view(-1)[i] = eps
    grad.view(-1)[i] = (float(f(x + step)) - float(f(x - step))) / (2 * eps)
"""

_NUMERICAL_IN_PLACE_NOT_RESTORED = """
grad = torch.zeros(x.shape, dtype=x.dtype, device=x.device)
flat = x.view(-1)
for i in range(x.numel()):
    flat[i] += eps
    f_plus = float(f(x))
    flat[i] -= 2 * eps
    f_minus = float(f(x))
    grad.view(-1)[i] = (f_plus - f_minus) / (2 * eps)
"""

_NUMERICAL_IN_PLACE_RESTORED = """
grad = torch.zeros_like(x)
flat = x.view(-1)
for i in range(x.numel()):
    old = flat[i].item()
    try:
        flat[i] = old + eps
        f_plus = float(f(x))
        flat[i] = old - eps
        f_minus = float(f(x))
    finally:
        flat[i] = old
    grad.view(-1)[i] = (f_plus - f_minus) / (2 * eps)
"""

_NUMERICAL_STACKED = """
flat = x.detach().reshape(-1)
basis = torch.eye(flat.numel(), dtype=x.dtype, device=x.device)
values = [(float(f((flat + eps * e).reshape(x.shape))) - float(f((flat - eps * e).reshape(x.shape)))) / (2 * eps)
          for e in basis]
grad = torch.tensor(values, dtype=x.dtype, device=x.device).reshape(x.shape)
"""

_NUMERICAL_FIRST_DIMENSION_ONLY = """
grad = torch.zeros_like(x)
for i in range(x.shape[0]):
    step = torch.zeros_like(x)
    step[i] = eps
    grad[i] = (float(f(x + step)) - float(f(x - step))) / (2 * eps)
"""

_CHECK = """
for name, value in params.items():
    def loss_of(t, name=name):
        return loss_fn({**params, name: t})

    numeric = numerical_gradient(loss_of, value, eps)
    errors[name] = relative_error(analytic_grads[name], numeric)
"""

_CHECK_ABSOLUTE = _swap(_CHECK, "relative_error(analytic_grads[name], numeric)",
                        "(analytic_grads[name] - numeric).abs().max().item()")

_CHECK_DEFAULT_EPS = _swap(_CHECK, "numerical_gradient(loss_of, value, eps)", "numerical_gradient(loss_of, value)")

_CHECK_BY_POSITION = """
for (name, value), analytic in zip(params.items(), analytic_grads.values()):
    def loss_of(t, name=name):
        return loss_fn({**params, name: t})

    errors[name] = relative_error(analytic, numerical_gradient(loss_of, value, eps))
"""

_CHECK_WRITES_INTO_PARAMS = """
for name in list(params):
    original = params[name]

    def loss_of(t, name=name):
        params[name] = t
        return loss_fn(params)

    errors[name] = relative_error(analytic_grads[name], numerical_gradient(loss_of, original, eps))
"""

_CHECK_COPY_AND_RESTORE = """
trial = dict(params)
for name in analytic_grads:
    def loss_of(t, name=name):
        trial[name] = t
        return loss_fn(trial)

    numeric = numerical_gradient(loss_of, params[name], eps=eps)
    trial[name] = params[name]
    errors[name] = relative_error(numeric, analytic_grads[name])
"""

# ---------------------------------------------------------------- Câu 3: stable softmax
_SOFTMAX = """
shifted = logits - logits.amax(dim=dim, keepdim=True)
exps = torch.exp(shifted)
probs = exps / exps.sum(dim=dim, keepdim=True)
"""

_LOG_SOFTMAX = """
shifted = logits - logits.amax(dim=dim, keepdim=True)
log_probs = shifted - torch.log(torch.exp(shifted).sum(dim=dim, keepdim=True))
"""

_SOFTMAX_MOVEDIM = """
moved = logits.movedim(dim, -1)
top = torch.max(moved, dim=-1, keepdim=True).values
exps = (moved - top).exp()
probs = (exps / exps.sum(dim=-1, keepdim=True)).movedim(-1, dim)
"""

_LOG_SOFTMAX_VIA_LOOP_OVER_SLICES = """
moved = logits.movedim(dim, -1)
flat = moved.reshape(-1, moved.shape[-1])
rows = []
for row in flat:
    c = row.max()
    rows.append(row - c - (row - c).exp().sum().log())
log_probs = torch.stack(rows).reshape(moved.shape).movedim(-1, dim)
"""

# ---------------------------------------------------------------- Câu 4: broadcasting in the loss
_MSE_CHECKED = """
def as_column_vector(t):
    if t.ndim == 1:
        return t
    if t.ndim == 2 and t.shape[1] == 1:
        return t[:, 0]
    return None

p, t = as_column_vector(pred), as_column_vector(target)
if p is None or t is None or p.shape[0] != t.shape[0]:
    raise ValueError(f"dạng sai: pred {tuple(pred.shape)}, target {tuple(target.shape)}")
loss = ((p - t) ** 2).mean()
"""

_MSE_FLATTEN_SAME_NUMEL = """
p, t = pred.reshape(-1), target.reshape(-1)
if p.shape != t.shape:
    raise ValueError(f"dạng không khớp: pred {tuple(pred.shape)}, target {tuple(target.shape)}")
loss = ((p - t) ** 2).mean()
"""

_MSE_CHECKS_ONLY_N = """
if pred.ndim == 0 or target.ndim == 0 or pred.shape[0] != target.shape[0]:
    raise ValueError(f"số mẫu khác nhau: dạng pred {tuple(pred.shape)}, target {tuple(target.shape)}")
loss = ((pred.reshape(-1) - target.reshape(-1)) ** 2).mean()
"""

_MSE_SQUEEZE_IN_PLACE = """
if target.ndim == 2 and target.shape[1] == 1:
    target.squeeze_(1)
if pred.ndim == 2 and pred.shape[1] == 1:
    pred = pred[:, 0]
if pred.ndim != 1 or target.ndim != 1 or pred.shape != target.shape:
    raise ValueError(f"dạng sai: pred {tuple(pred.shape)}, target {tuple(target.shape)}")
loss = ((pred - target) ** 2).mean()
"""

_MSE_TORCH_SIZE_MESSAGE = """
def flat(t, name):
    if t.ndim == 2 and t.size(1) == 1:
        return t.squeeze(1)
    if t.ndim == 1:
        return t
    raise ValueError(f"{name} có dạng {t.shape} (pred {pred.shape}, target {target.shape}); cần (N,) hoặc (N, 1)")

p, t = flat(pred, "pred"), flat(target, "target")
if len(p) != len(t):
    raise ValueError(f"Số mẫu khác nhau: pred có dạng {pred.shape}, target có dạng {target.shape}")
loss = torch.nn.functional.mse_loss(p, t)
"""

# ---------------------------------------------------------------- Câu 5: vanishing gradient
_MEASURE_FLOAT32_THEN_BACK = """
x_leaf = x.detach().float().requires_grad_(True)
f(x_leaf).sum().backward()
grad = x_leaf.grad.detach().to(x.dtype)
"""

_MEASURE_REUSES_CALLER_LEAF = """
x_leaf = x if x.requires_grad else x.detach().clone().requires_grad_(True)  # x đã là tham số: dùng luôn
f(x_leaf).sum().backward()
grad = x_leaf.grad.detach().clone()
"""

# ---------------------------------------------------------------- Câu 6: train/eval
_EVAL_LOOP = """
for start in range(0, len(X), batch_size):
    logits = model(X[start:start + batch_size])
    correct += (logits.argmax(dim=1) == y[start:start + batch_size]).sum().item()
"""

_EVAL_CORRECT = ("was_training = model.training\nmodel.eval()\ntry:\n    with torch.no_grad():\n"
                 + _indent(_EVAL_LOOP, "        ") + "\nfinally:\n    model.train(was_training)")

WRONG_ANSWERS: dict[str, list[tuple[str, str | list[str | None], str]]] = {
    "1": [
        # first, so that torch.func (and its first import of torch._dynamo) runs inside the check's call log:
        # the later cells of the test run in the same kernel and would fail if the check broke it
        ("backward dùng torch.func.grad", [None, _BACKWARD_WITH_FUNC_GRAD], "đã dùng autograd"),
        ("backward quên mặt nạ ReLU", [None, _swap(_BACKWARD, "dZ1 = dA1 * (Z1 > 0)", "dZ1 = dA1")],
         "lỗi ở tầng thứ nhất"),
        ("backward quên chia cho N", [None, _swap(_BACKWARD, "dZ2 = dZ2 / n\n", "")], "lớn gấp đúng N lần"),
        ("hệ số điều chỉnh dùng mean: chia N hai lần",
         [None, _swap(_swap(_BACKWARD, '"b1": dZ1.sum(dim=0)', '"b1": dZ1.mean(dim=0)'),
                      '"b2": dZ2.sum(dim=0)', '"b2": dZ2.mean(dim=0)')], "chia cho N hai lần"),
        ("gradient trọng số bị chuyển vị",
         [None, _swap(_swap(_BACKWARD, '"W1": X.T @ dZ1', '"W1": dZ1.T @ X'), '"W2": A1.T @ dZ2', '"W2": dZ2.T @ A1')],
         "nhân ma trận sai thứ tự"),
        ("quên trừ one-hot của nhãn", [None, _swap(_BACKWARD, "dZ2[torch.arange(n, device=dZ2.device), y] -= 1.0\n", "")],
         "lỗi ngay ở tầng thứ hai"),
        ("forward quên hệ số điều chỉnh b2", [_swap(_FORWARD, ' + params["b2"]', ""), None], "logits của mlp_forward sai"),
        ("quên chuyển vị W2 khi đi ngược: dZ2 @ W2", [None, _swap(_BACKWARD, 'dZ2 @ params["W2"].T', 'dZ2 @ params["W2"]')],
         "phép chuyển vị (.T)"),
        ("backward gọi autograd thay vì tự viết", [None, _BACKWARD_WITH_AUTOGRAD], "đã dùng autograd"),
        ("gradient của b1 giữ keepdim=True: dạng (1, H)",
         [None, _swap(_BACKWARD, '"b1": dZ1.sum(dim=0)', '"b1": dZ1.sum(dim=0, keepdim=True)')], "không keepdim"),
        ("gradient của b2 không cộng theo mẫu: dạng (N, C)", [None, _swap(_BACKWARD, '"b2": dZ2.sum(dim=0)', '"b2": dZ2')],
         "tổng theo chiều mẫu"),
        # new in this round
        ("softmax tính tại chỗ trên logits trong cache (logits của người gọi bị sửa)",
         [None, _BACKWARD_SOFTMAX_IN_PLACE], "sửa tại chỗ tensor của người gọi"),
        ("cộng dồn gradient vào cache như .grad: lần gọi thứ hai gấp đôi",
         [None, _BACKWARD_ACCUMULATES_IN_CACHE], "gradient bị cộng dồn"),
        ("softmax ở float32 (.float()) rồi nhân với W2 float64",
         [None, _swap(_BACKWARD, "torch.softmax(logits, dim=1)", "torch.softmax(logits.float(), dim=1)")],
         "dtype khác nhau"),
    ],
    "2": [
        ("sai phân tiến thay vì trung tâm",
         [_swap(_NUMERICAL, "(float(f(x + step)) - float(f(x - step))) / (2 * eps)",
                "(float(f(x + step)) - float(f(x))) / eps"), None], "sai phân tiến"),
        ("chia cho eps thay vì 2·eps", [_swap(_NUMERICAL, "/ (2 * eps)", "/ eps"), None], "lớn gấp đôi đạo hàm"),
        ("bước cố định 1e-2, bỏ qua eps",
         [_swap(_swap(_NUMERICAL, "step.view(-1)[i] = eps", "step.view(-1)[i] = 1e-2"), "/ (2 * eps)", "/ (2 * 1e-2)"),
          None], "bỏ qua tham số eps"),
        ("bước quá nhỏ 1e-12, bỏ qua eps",
         [_swap(_swap(_NUMERICAL, "step.view(-1)[i] = eps", "step.view(-1)[i] = 1e-12"), "/ (2 * eps)",
                "/ (2 * 1e-12)"), None], "đúng bước eps"),
        ("sửa x tại chỗ và không trả lại giá trị cũ", [_NUMERICAL_IN_PLACE_NOT_RESTORED, None], "đã làm thay đổi x"),
        ("kết quả tạo bằng torch.zeros mặc định: float32",
         [_swap(_NUMERICAL, "grad = torch.zeros(x.shape, dtype=x.dtype, device=x.device)",
                "grad = torch.zeros(x.shape, device=x.device)"), None], "cùng dtype"),
        ("gradient_check dùng sai số tuyệt đối", [None, _CHECK_ABSOLUTE], "relative_error(analytic, numeric)"),
        # new in this round
        ("chỉ duyệt theo chiều đầu tiên của x (dịch cả một hàng)", [_NUMERICAL_FIRST_DIMENSION_ONLY, None],
         "MỘT phần tử"),
        ("gradient_check bỏ qua eps (numerical_gradient với eps mặc định)", [None, _CHECK_DEFAULT_EPS],
         "truyền eps của nó cho numerical_gradient"),
        ("gradient_check ghép params và analytic_grads theo thứ tự", [None, _CHECK_BY_POSITION], "ghép theo tên"),
        ("gradient_check gán thẳng vào params và không trả lại", [None, _CHECK_WRITES_INTO_PARAMS],
         "gradient_check đã làm thay đổi params"),
    ],
    "3": [
        ("softmax ngây thơ, không trừ max",
         ["exps = torch.exp(logits)\nprobs = exps / exps.sum(dim=dim, keepdim=True)", None], "e^z tràn số"),
        ("trừ max toàn cục thay vì max theo chiều dim",
         [_swap(_SOFTMAX, "logits.amax(dim=dim, keepdim=True)", "logits.max()"),
          _swap(_LOG_SOFTMAX, "logits.amax(dim=dim, keepdim=True)", "logits.max()")], "Max toàn cục không đủ"),
        ("lấy max theo sai chiều (luôn dim=-1)",
         [_swap(_SOFTMAX, "logits.amax(dim=dim, keepdim=True)", "logits.amax(dim=-1, keepdim=True)"), None],
         "đúng chiều dim"),
        ("lấy max thiếu keepdim=True",
         [_swap(_SOFTMAX, "logits.amax(dim=dim, keepdim=True)", "logits.amax(dim=dim)"), None], "giữ keepdim=True"),
        ("log-softmax = log(softmax(z))", [None, "log_probs = torch.log(stable_softmax(logits, dim=dim))"],
         "log(softmax(z))"),
        ("log-softmax không trừ max",
         [None, "log_probs = logits - torch.log(torch.exp(logits).sum(dim=dim, keepdim=True))"],
         "chưa trừ max của lát"),
        ("trừ max tại chỗ, sửa logits của người gọi",
         [_swap(_SOFTMAX, "shifted = logits - logits.amax(dim=dim, keepdim=True)",
                "shifted = logits.sub_(logits.amax(dim=dim, keepdim=True))"), None], "đã sửa tensor logits đầu vào"),
        ("gọi torch.log_softmax có sẵn", [None, "log_probs = torch.log_softmax(logits, dim=dim)"],
         "gọi log_softmax có sẵn"),
        # new in this round
        ("softmax qua logsumexp có sẵn",
         ["probs = torch.exp(logits - logits.logsumexp(dim=dim, keepdim=True))", None], "gọi logsumexp có sẵn"),
        ("softmax qua nn.Softmax", ["probs = torch.nn.Softmax(dim=dim)(logits)", None], "gọi softmax có sẵn"),
        ("tính ở float32 cho chắc, quên đổi lại dtype",
         [_swap(_SOFTMAX, "shifted = logits - logits.amax(dim=dim, keepdim=True)",
                "z = logits.float()\nshifted = z - z.amax(dim=dim, keepdim=True)"), None], "cùng dtype"),
    ],
    "4": [
        ("giữ nguyên lỗi broadcasting", ["shape = (n, n)", "loss = ((pred - target) ** 2).mean()"],
         "đưa cả hai về dạng (N,)"),
        ("squeeze nhầm tensor (target đã là (N,))", [None, "loss = ((pred - target.squeeze()) ** 2).mean()"],
         "đưa cả hai về dạng (N,)"),
        ("unsqueeze target thành (1, N): vẫn ra (N, N)", [None, "loss = ((pred - target.unsqueeze(0)) ** 2).mean()"],
         "đưa cả hai về dạng (N,)"),
        ("pred.squeeze() không kiểm tra dạng", [None, "loss = ((pred.squeeze() - target.squeeze()) ** 2).mean()"],
         "không báo lỗi mà âm thầm"),
        ("sửa đúng dạng nhưng trả về tensor dạng (1,)",
         [None, _swap(_MSE_CHECKED, "loss = ((p - t) ** 2).mean()", "loss = ((p - t) ** 2).mean(dim=0, keepdim=True)")],
         "tensor 0 chiều"),
        ("dự đoán dạng lỗi là (n, 1)", ["shape = (n, 1)", None], "(n,) được coi như (1, n)"),
        # new in this round
        ("làm phẳng cả hai rồi chỉ so số phần tử", [None, _MSE_FLATTEN_SAME_NUMEL], "không báo lỗi mà âm thầm"),
        ("chỉ kiểm tra số mẫu N, không kiểm tra số chiều", [None, _MSE_CHECKS_ONLY_N], "thay vì ValueError"),
        ("ValueError không có thông báo", [None, _swap(_MSE_CHECKED, 'raise ValueError(f"dạng sai: pred {tuple(pred.shape)}, '
                                                     'target {tuple(target.shape)}")', "raise ValueError()")],
         "chưa đủ"),
        ("thông báo tiếng Anh, không nêu dạng",
         [None, _swap(_MSE_CHECKED, 'raise ValueError(f"dạng sai: pred {tuple(pred.shape)}, target {tuple(target.shape)}")',
                      'raise ValueError("shape mismatch")')], "chưa đủ"),
        ("thông báo chỉ nêu dạng của pred",
         [None, _swap(_MSE_CHECKED, 'raise ValueError(f"dạng sai: pred {tuple(pred.shape)}, target {tuple(target.shape)}")',
                      'raise ValueError(f"pred có dạng không hợp lệ: {tuple(pred.shape)}")')], "chưa đủ"),
        ("squeeze_ tại chỗ trên target của người gọi", [None, _MSE_SQUEEZE_IN_PLACE], "đã sửa pred hoặc target"),
        ("squeeze_ tại chỗ trên pred của người gọi (cần gradient)",
         [None, _swap(_MSE_SQUEEZE_IN_PLACE, "pred = pred[:, 0]", "pred.squeeze_(1)")], "phép tại chỗ"),
        ("trả về số Python (.item())", [None, _swap(_MSE_CHECKED, "loss = ((p - t) ** 2).mean()",
                                                    "loss = ((p - t) ** 2).mean().item()")], ".item()"),
    ],
    "5": [
        ("cận mỗi tầng 0.5 (nhầm σ(0) với σ'(0))", ["PER_LAYER_BOUND = 0.5", None, None], "σ(0) = 0.5 là giá trị"),
        ("cận mỗi tầng 1 (nghĩ sigmoid không làm teo gradient)", ["PER_LAYER_BOUND = 1.0", None, None],
         "lớn nhất khi s = 1/2"),
        ("cận tuyến tính theo độ sâu thay vì lũy thừa", [None, "bound = PER_LAYER_BOUND * depth", None],
         "lũy thừa"),
        ("công thức tay: chỉ đạo hàm của một tầng sigmoid",
         [None, None, "s = torch.sigmoid(x)\ngrad = s * (1 - s)"], "không gọi autograd"),
        ("dùng chính x làm tensor lá: sửa requires_grad và .grad của x",
         [None, None, "x.requires_grad_(True)\nf(x).sum().backward()\ngrad = x.grad.detach().clone()"],
         "đã thay đổi x của người gọi"),
        ("trả về giá trị lượt truyền xuôi thay vì gradient", [None, None, "grad = f(x).detach()"],
         "không gọi autograd"),
        ("trả về gradient còn gắn đồ thị (create_graph=True)",
         [None, None, "x_leaf = x.detach().clone().requires_grad_(True)\n"
                      "grad = torch.autograd.grad(f(x_leaf).sum(), x_leaf, create_graph=True)[0]"],
         "vẫn gắn với đồ thị"),
        ("đo trên bản float32 của x", [None, None, "x_leaf = x.detach().float().requires_grad_(True)\n"
                                                   "f(x_leaf).sum().backward()\ngrad = x_leaf.grad.detach()"],
         "float32"),
        # new in this round
        ("đo bằng sai phân (numerical_gradient của câu 2) thay vì autograd",
         [None, None, "grad = numerical_gradient(lambda t: f(t).sum(), x.detach().clone())"], "không gọi autograd"),
        ("đo ở float32 rồi đổi lại dtype của x", [None, None, _MEASURE_FLOAT32_THEN_BACK], "độ phân giải số của float32"),
        ("dùng luôn x khi x đã requires_grad: .grad của người gọi bị cộng thêm",
         [None, None, _MEASURE_REUSES_CALLER_LEAF], "bị cộng thêm"),
        ("autograd trên sigmoid thay vì trên chính f",
         [None, None, "x_leaf = x.detach().clone().requires_grad_(True)\n"
                      "torch.sigmoid(x_leaf).sum().backward()\ngrad = x_leaf.grad.detach()"], "MỌI tầng"),
    ],
    "6": [
        ("giữ nguyên: đánh giá ở chế độ train", _EVAL_LOOP, "model.eval()"),
        # dropout makes two train-mode runs differ only with high probability: the hint every message shares
        ("chỉ thêm torch.no_grad(), vẫn ở chế độ train", "with torch.no_grad():\n" + _indent(_EVAL_LOOP, "    "),
         "model.eval()"),
        ("đặt seed thay vì chuyển sang eval",
         "torch.manual_seed(0)\nwith torch.no_grad():\n" + _indent(_EVAL_LOOP, "    "), "model.eval()"),
        ("model.eval() nhưng không có torch.no_grad()",
         "was_training = model.training\nmodel.eval()\n" + _EVAL_LOOP.strip("\n") + "\nmodel.train(was_training)",
         "vẫn xây đồ thị tính toán"),
        ("model.eval() + no_grad nhưng không trả lại chế độ cũ",
         "model.eval()\nwith torch.no_grad():\n" + _indent(_EVAL_LOOP, "    "), "không còn ở chế độ huấn luyện"),
        ("model.train() vô điều kiện ở cuối",
         "model.eval()\nwith torch.no_grad():\n" + _indent(_EVAL_LOOP, "    ") + "\nmodel.train()",
         "đừng gọi model.train() vô điều kiện"),
        ("đúng hết nhưng gọi thẳng model.forward(...)", _swap(_EVAL_CORRECT, "model(X[", "model.forward(X["),
         "model.forward(X_batch)"),
        # new in this round
        ("tắt requires_grad của tham số thay vì no_grad",
         "was_training = model.training\nmodel.eval()\nfor p in model.parameters():\n    p.requires_grad_(False)\n"
         + _EVAL_LOOP.strip("\n") + "\nmodel.train(was_training)", "cờ requires_grad"),
        ("cộng dồn tensor thay vì số (.sum() không .item())",
         _swap(_EVAL_CORRECT, ".sum().item()", ".sum()"), "số Python (float)"),
        ("bỏ batch cuối ngắn hơn", _swap(_EVAL_CORRECT, "range(0, len(X), batch_size)",
                                         "range(0, len(X) - batch_size + 1, batch_size)"), "MỌI batch"),
        ("argmax theo chiều mẫu (dim=0) thay vì chiều lớp", _swap(_EVAL_CORRECT, "argmax(dim=1)", "argmax(dim=0)"),
         "logits.argmax(dim=1)"),
    ],
}

CORRECT_ANSWERS: dict[str, list[tuple[str, str | list[str | None]]]] = {
    "1": [
        ("one-hot bằng F.one_hot, mặt nạ từ A1", [None, _BACKWARD_ONE_HOT]),
        ("softmax tự viết, einsum, tổng bằng nhân với vector 1",
         ["Z1 = torch.addmm(params['b1'], X, params['W1'])\nA1 = Z1.clamp(min=0)\n"
          "logits = torch.addmm(params['b2'], A1, params['W2'])\ncache = (X, Z1, A1, logits)",
          _swap(_BACKWARD_EINSUM_HAND_SOFTMAX, 'X, Z1, A1, logits = cache["X"], cache["Z1"], cache["A1"], cache["logits"]',
                "X, Z1, A1, logits = cache")]),
        ("vòng lặp qua từng mẫu", [None, _BACKWARD_PER_SAMPLE_LOOP]),
    ],
    "2": [
        ("sửa x tại chỗ rồi trả lại trong finally", [_NUMERICAL_IN_PLACE_RESTORED, None]),
        ("các vector đơn vị từ torch.eye, gom bằng list", [_NUMERICAL_STACKED, _CHECK_COPY_AND_RESTORE]),
        ("gradient_check gán vào một bản sao của params", [None, _CHECK_COPY_AND_RESTORE]),
    ],
    "3": [
        ("movedim + torch.max(...).values; log-softmax duyệt từng lát", [_SOFTMAX_MOVEDIM, _LOG_SOFTMAX_VIA_LOOP_OVER_SLICES]),
        ("softmax = exp(log_softmax tự viết)",
         ["probs = torch.exp(stable_log_softmax(logits, dim=dim))",
          "c = logits.max(dim=dim, keepdim=True).values.detach()\n"
          "log_probs = logits - c - (logits - c).exp().sum(dim, keepdim=True).log()"]),
    ],
    "4": [
        ("dạng tính bằng torch.broadcast_shapes; thông báo in torch.Size, mất mát bằng F.mse_loss",
         ["shape = tuple(torch.broadcast_shapes((n, 1), (n,)))", _MSE_TORCH_SIZE_MESSAGE]),
        ("dạng đo trực tiếp trên tensor nhỏ; kiểm tra bằng if lồng nhau",
         ["shape = tuple((torch.zeros(n, 1) - torch.zeros(n)).shape)",
          "shapes = []\nfor t in (pred, target):\n    if t.ndim == 2 and t.shape[1] == 1:\n        t = t.view(-1)\n"
          "    if t.ndim != 1:\n        raise ValueError(f'Sai dạng: pred {tuple(pred.shape)}, target {tuple(target.shape)}')\n"
          "    shapes.append(t)\np, t = shapes\nif p.shape != t.shape:\n"
          "    raise ValueError(f'Khác số mẫu, dạng pred {tuple(pred.shape)} và target {tuple(target.shape)}')\n"
          "loss = (p - t).pow(2).sum() / p.numel()"]),
    ],
    "5": [
        ("torch.autograd.grad; cận 1/4 và vòng lặp nhân",
         ["PER_LAYER_BOUND = 1 / 4", "bound = 1.0\nfor _ in range(depth):\n    bound *= PER_LAYER_BOUND",
          "x_leaf = x.detach().clone().requires_grad_(True)\n(grad,) = torch.autograd.grad(f(x_leaf).sum(), x_leaf)"]),
        ("torch.func.grad", [None, None, "grad = torch.func.grad(lambda t: f(t).sum())(x.detach())"]),
        ("x.detach().requires_grad_() không clone; math.pow",
         [None, "bound = math.pow(PER_LAYER_BOUND, depth)",
          "leaf = x.detach().requires_grad_()\nout = f(leaf)\nout.backward(torch.ones_like(out))\ngrad = leaf.grad"]),
        ("torch.autograd.functional.vjp với vector 1",
         [None, None, "grad = torch.autograd.functional.vjp(f, x.detach(), torch.ones_like(x))[1]"]),
    ],
    "6": [
        ("đánh giá trên một bản sao ở chế độ eval", "evaluated = copy.deepcopy(model).eval()\nwith torch.no_grad():\n"
         + _indent(_swap(_EVAL_LOOP, "model(X[", "evaluated(X["), "    ")),
        ("torch.inference_mode, if/else trả lại chế độ",
         "was_training = model.training\nmodel.eval()\nwith torch.inference_mode():\n"
         + _indent(_EVAL_LOOP, "    ") + "\nif was_training:\n    model.train()"),
        ("zip các batch bằng split, dùng train(mode)",
         "mode = model.training\nmodel.train(False)\ntry:\n    with torch.no_grad():\n"
         "        for xb, yb in zip(X.split(batch_size), y.split(batch_size)):\n"
         "            correct += int((model(xb).argmax(1) == yb).sum())\nfinally:\n    model.train(mode)"),
    ],
}
