"""Wrong and correct answers for solutions/lab06_tu_bai_bao_den_ma.ipynb (format: see __init__.py).

Each entry replaces the solution regions of the question's last solution cell, in order;
None keeps the solution's region. ``WRONG_ANSWERS`` entries carry the hint (a substring of
the Vietnamese message) the learner must see; ``CORRECT_ANSWERS`` must pass.
"""

from __future__ import annotations

from tests.wrong_answers import swap as _swap


# ---------------------------------------------------------------- Câu 1: AttentionPool
_INIT = '''
self.key = nn.Conv2d(in_channels, key_dim, kernel_size=1)
self.query = nn.Parameter(torch.randn(key_dim) / math.sqrt(key_dim))
'''
_FORWARD = '''
if x.ndim != 4:
    raise ValueError(f"AttentionPool cần x là tensor 4 chiều (B, C, H, W), nhận tensor {x.ndim} chiều.")
if x.shape[1] != self.in_channels:
    raise ValueError(f"AttentionPool được tạo cho {self.in_channels} kênh, nhận x có {x.shape[1]} kênh.")
batch, _, height, width = x.shape
keys = self.key(x).flatten(2)                        # (B, d, L), L = H*W
scores = torch.einsum("d,bdl->bl", self.query, keys) / math.sqrt(self.key_dim)  # (B, L)
attn = torch.softmax(scores, dim=1)                  # tổng 1 trên L vị trí của từng ảnh
out = torch.einsum("bl,bcl->bc", attn, x.flatten(2))  # (B, C)
attn = attn.reshape(batch, height, width)
'''
_F_NO_SQRT = _swap(_FORWARD, " / math.sqrt(self.key_dim)", "")
_F_DIV_D = _swap(_FORWARD, " / math.sqrt(self.key_dim)", " / self.key_dim")
_F_SOFTMAX_BATCH = _swap(_FORWARD, "attn = torch.softmax(scores, dim=1)", "attn = torch.softmax(scores, dim=0)")
_F_SOFTMAX_CHANNELS = _swap(_swap(
    _FORWARD, 'scores = torch.einsum("d,bdl->bl", self.query, keys) / math.sqrt(self.key_dim)  # (B, L)',
    "scores = self.query[None, :, None] * keys / math.sqrt(self.key_dim)  # (B, d, L)"),
    "attn = torch.softmax(scores, dim=1)", "attn = torch.softmax(scores, dim=1).sum(dim=1)  # softmax theo kênh")
_F_RESHAPE_KEYS = _swap(
    _FORWARD, 'keys = self.key(x).flatten(2)                        # (B, d, L), L = H*W\n'
              'scores = torch.einsum("d,bdl->bl", self.query, keys) / math.sqrt(self.key_dim)  # (B, L)',
    "keys = self.key(x).reshape(batch, height * width, self.key_dim)  # (B, L, d)?\n"
    "scores = keys @ self.query / math.sqrt(self.key_dim)")
_F_MIXES_BATCH = _swap(
    _FORWARD, 'keys = self.key(x).flatten(2)                        # (B, d, L), L = H*W\n'
              'scores = torch.einsum("d,bdl->bl", self.query, keys) / math.sqrt(self.key_dim)  # (B, L)',
    "keys = self.key(x).permute(2, 3, 0, 1).reshape(-1, self.key_dim)  # (L*B, d), vị trí trước\n"
    "scores = (keys @ self.query / math.sqrt(self.key_dim)).view(batch, height * width)")
_F_POOLS_KEYS = _swap(_FORWARD, 'out = torch.einsum("bl,bcl->bc", attn, x.flatten(2))',
                      'out = torch.einsum("bl,bdl->bd", attn, keys)')
_F_FLAT_ATTN = _swap(_FORWARD, "attn = attn.reshape(batch, height, width)", "")
_F_NO_CHECKS = "batch, _, height, width = x.shape" + _FORWARD.split("batch, _, height, width = x.shape")[1]
_F_VAGUE = _swap(_swap(
    _FORWARD, 'raise ValueError(f"AttentionPool cần x là tensor 4 chiều (B, C, H, W), nhận tensor {x.ndim} chiều.")',
    'raise ValueError("Đầu vào không hợp lệ.")'),
    'raise ValueError(f"AttentionPool được tạo cho {self.in_channels} kênh, nhận x có {x.shape[1]} kênh.")',
    'raise ValueError("Đầu vào không hợp lệ.")')
_F_INPLACE = _swap(_FORWARD, "batch, _, height, width = x.shape",
                   "x = x.sub_(x.mean())  # chuẩn hóa tại chỗ\nbatch, _, height, width = x.shape")
_F_SOFTMAX_H = _swap(_FORWARD, "attn = torch.softmax(scores, dim=1)",
                    "attn = torch.softmax(scores.reshape(batch, height, width), dim=1).reshape(batch, -1)  # theo H")
_F_DETACHED_KEYS = _swap(_FORWARD, "keys = self.key(x).flatten(2)", "keys = self.key(x).detach().flatten(2)")
_F_DETACHED_QUERY = _swap(_FORWARD, 'torch.einsum("d,bdl->bl", self.query, keys)',
                          'torch.einsum("d,bdl->bl", self.query.detach(), keys)')
_F_DETACHED_VALUES = _swap(_FORWARD, 'torch.einsum("bl,bcl->bc", attn, x.flatten(2))',
                           'torch.einsum("bl,bcl->bc", attn, x.detach().flatten(2))')
_F_NO_GRAD_SCORES = _swap(
    _FORWARD, 'scores = torch.einsum("d,bdl->bl", self.query, keys) / math.sqrt(self.key_dim)  # (B, L)',
    'with torch.no_grad():\n    scores = torch.einsum("d,bdl->bl", self.query, keys) / math.sqrt(self.key_dim)')
_F_SQRT_C = _swap(_FORWARD, " / math.sqrt(self.key_dim)", " / math.sqrt(self.in_channels)")
_F_ATTN_WH = _swap(_FORWARD, "attn = attn.reshape(batch, height, width)",
                   "attn = attn.reshape(batch, width, height).transpose(1, 2)")
_F_CONV_LOGSOFTMAX = '''
if x.dim() != 4:
    raise ValueError("x phải là tensor 4 chiều (B, C, H, W)")
if x.size(1) != self.key.in_channels:
    raise ValueError(f"sai số kênh: khối nhận {self.key.in_channels} kênh")
b, c, h, w = x.shape
keys = F.conv2d(x, self.key.weight, self.key.bias).reshape(b, self.key_dim, h * w)  # (B, d, L)
scores = (keys * self.query.view(1, -1, 1)).sum(dim=1) / self.query.numel() ** 0.5  # (B, L)
attn = torch.log_softmax(scores, dim=1).exp()                                        # (B, L)
out = (x.reshape(b, c, h * w) * attn.unsqueeze(1)).sum(dim=2)                         # (B, C)
attn = attn.view(b, h, w)
'''
_F_UNFLATTEN = '''
if x.ndim != 4:
    raise ValueError("cần x 4 chiều")
if x.shape[1] != self.in_channels:
    raise ValueError("x có số kênh khác in_channels")
keys = self.key(x)                                                       # (B, d, H, W)
scores = torch.einsum("d,bdhw->bhw", self.query, keys) / math.sqrt(self.key_dim)
attn = scores.flatten(1).softmax(dim=-1).unflatten(1, scores.shape[1:])  # (B, H, W), tổng 1 trên H*W
out = torch.einsum("bhw,bchw->bc", attn, x)                              # (B, C)
'''
_I_TENSOR_QUERY = "self.key = nn.Conv2d(in_channels, key_dim, kernel_size=1)\nself.query = torch.randn(key_dim)"
_I_LINEAR_KEY = _swap(_INIT, "nn.Conv2d(in_channels, key_dim, kernel_size=1)", "nn.Linear(in_channels, key_dim)")

_F_MATMUL = '''
if x.dim() != 4:
    raise ValueError(f"cần tensor 4 chiều, nhận {x.dim()} chiều")
B, C, H, W = x.shape
if C != self.in_channels:
    raise ValueError(f"số kênh sai: cần {self.in_channels}, nhận {C}")
keys = self.key(x).view(B, self.key_dim, H * W).transpose(1, 2)   # (B, L, d)
scores = torch.matmul(keys, self.query) * self.key_dim ** -0.5     # (B, L)
weights = F.softmax(scores, dim=-1)
out = torch.bmm(x.view(B, C, H * W), weights.unsqueeze(2)).squeeze(2)  # (B, C)
attn = weights.view(B, H, W)
'''
_F_LOOP = '''
if len(x.shape) != 4:
    raise ValueError("x phải có 4 chiều (B, C, H, W)")
if x.shape[1] != self.in_channels:
    raise ValueError(f"x có {x.shape[1]} kênh, khối cần {self.in_channels} kênh")
outs, maps = [], []
for image in x:                                   # (C, H, W)
    keys = self.key(image[None])[0]               # (d, H, W)
    scores = (keys * self.query[:, None, None]).sum(dim=0) / math.sqrt(self.key_dim)  # (H, W)
    weights = torch.exp(scores - scores.max())
    weights = weights / weights.sum()
    outs.append((image * weights).sum(dim=(1, 2)))
    maps.append(weights)
out, attn = torch.stack(outs), torch.stack(maps)
'''
_I_NO_BIAS_ZERO_QUERY = '''
self.key = nn.Conv2d(in_channels, key_dim, kernel_size=1, bias=False)
self.query = nn.Parameter(torch.zeros(key_dim))  # chú ý đều lúc đầu
'''

# ---------------------------------------------------------------- Câu 2: budget
_COUNT = "return key_dim * in_channels + key_dim + key_dim  # trọng số của key, hệ số điều chỉnh của key, truy vấn"
_LARGEST = '''
per_dim = count_block_params(in_channels, 1)
if per_dim > budget:
    raise ValueError(f"Ngân sách {budget} tham số không đủ cho cả d = 1 ({per_dim} tham số).")
return budget // per_dim
'''

# ---------------------------------------------------------------- Câu 3: saved bytes
_SAVED = '''
storages = {}

def pack(tensor):
    storage = tensor.untyped_storage()
    storages[storage.data_ptr()] = storage.nbytes()
    return tensor

with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
    fn(*inputs)
return int(sum(storages.values()))
'''
_ESTIMATE = '''
positions = batch * height * width
per_position = proj_dim + 3 + 1  # đầu ra ReLU (D), màu đã sắp lại (3), đầu ra softmax (1)
weights = 3 * proj_dim + proj_dim  # trọng số của proj, truy vấn
return (positions * per_position + weights) * bytes_per_value
'''
_SAVED_NO_DEDUPE = '''
sizes = []

def pack(tensor):
    sizes.append(tensor.numel() * tensor.element_size())
    return tensor

with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
    fn(*inputs)
return sum(sizes)
'''
_SAVED_FOUR_BYTES = _swap(_SAVED, "storages[storage.data_ptr()] = storage.nbytes()",
                          "storages[storage.data_ptr()] = tensor.numel() * 4  # float32")
_SAVED_BY_ID = _swap(_SAVED, "storages[storage.data_ptr()] = storage.nbytes()",
                     "storages[id(tensor)] = tensor.numel() * tensor.element_size()")
_SAVED_BY_TENSOR_PTR = _swap(_SAVED, "storages[storage.data_ptr()] = storage.nbytes()",
                             "storages[tensor.data_ptr()] = storage.nbytes()")
_SAVED_VIEW_SIZE = _swap(_SAVED, "storages[storage.data_ptr()] = storage.nbytes()",
                         "storages[storage.data_ptr()] = tensor.numel() * tensor.element_size()")
_SAVED_PLUS_INPUTS = _swap(_SAVED, "return int(sum(storages.values()))",
                           "return int(sum(storages.values())) + sum(t.numel() * t.element_size() for t in inputs)")
_SAVED_OUTSIDE = '''
storages = {}

def pack(tensor):
    storages[tensor.untyped_storage().data_ptr()] = tensor.untyped_storage().nbytes()
    return tensor

with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
    pass
fn(*inputs)
return int(sum(storages.values()))
'''
_EST_BY_RUNNING = '''
proj = nn.Linear(3, proj_dim)
query = torch.zeros(proj_dim, requires_grad=True)
measured = saved_bytes(ill_posed_attention, torch.zeros(batch, 3, height, width), proj, query)
return measured * bytes_per_value // 4
'''
_EST_SQUARE = _swap(_ESTIMATE, "positions = batch * height * width", "positions = batch * height * height")
_SAVED_OUTPUT_ONLY = '''
result = fn(*inputs)
return int(result.numel() * result.element_size())
'''
_EST_NO_BATCH = _swap(_ESTIMATE, "positions = batch * height * width", "positions = height * width")
_EST_RELU_TWICE = _swap(_ESTIMATE, "per_position = proj_dim + 3 + 1", "per_position = 2 * proj_dim + 3 + 1  # ReLU và matmul mỗi bên lưu một lần")
_EST_BITS = _swap(_ESTIMATE, "return (positions * per_position + weights) * bytes_per_value",
                  "return (positions * per_position + weights) * bytes_per_value * 8")
_EST_PARAMS = "return (3 * proj_dim + proj_dim + proj_dim) * bytes_per_value"
_EST_ALWAYS_FP32 = _swap(_ESTIMATE, "return (positions * per_position + weights) * bytes_per_value",
                         "return (positions * per_position + weights) * 4")
_EST_GIB = _swap(_ESTIMATE, "return (positions * per_position + weights) * bytes_per_value",
                 "return (positions * per_position + weights) * bytes_per_value / 2**30  # GiB")

# ---------------------------------------------------------------- Câu 4: attention mass in a box
_MASS = '''
if attn.ndim != 3:
    raise ValueError(f"attn phải là tensor 3 chiều (B, H, W), nhận tensor {attn.ndim} chiều.")
if tuple(boxes.shape) != (attn.shape[0], 2):
    raise ValueError(f"boxes phải có dạng ({attn.shape[0]}, 2) (hàng, cột của mỗi ảnh), nhận {tuple(boxes.shape)}.")
masses = [attn[i, row:row + size, col:col + size].sum() for i, (row, col) in enumerate(boxes.tolist())]
return torch.stack(masses)
'''
_MASS_TRANSPOSED = _swap(_MASS, "attn[i, row:row + size, col:col + size]", "attn[i, col:col + size, row:row + size]")
_MASS_OFF_BY_ONE = _swap(_MASS, "attn[i, row:row + size, col:col + size]", "attn[i, row:row + size - 1, col:col + size - 1]")
_MASS_MEAN = _swap(_MASS, "attn[i, row:row + size, col:col + size].sum()", "attn[i, row:row + size, col:col + size].mean()")
_MASS_FIXED_SIZE = _swap(_MASS, "attn[i, row:row + size, col:col + size]", "attn[i, row:row + 3, col:col + 3]")
_MASS_BATCH_MEAN = _swap(_MASS, "return torch.stack(masses)", "return torch.stack(masses).mean()")
_MASS_NO_NDIM = _swap(_MASS, '''if attn.ndim != 3:
    raise ValueError(f"attn phải là tensor 3 chiều (B, H, W), nhận tensor {attn.ndim} chiều.")
''', "")
_MASS_NO_BOXES_CHECK = '''
if attn.ndim != 3:
    raise ValueError("attn phải là tensor 3 chiều")
masses = [attn[i, row:row + size, col:col + size].sum() for i, (row, col) in enumerate(boxes.tolist())]
return torch.stack(masses)
'''
_MASS_INPLACE = '''
if attn.ndim != 3:
    raise ValueError("attn phải là tensor 3 chiều")
if boxes.shape != (attn.shape[0], 2):
    raise ValueError("boxes phải có dạng (B, 2)")
for i, (row, col) in enumerate(boxes.tolist()):
    inside = attn[i, row:row + size, col:col + size].sum()
    attn[i].zero_()
    attn[i, 0, 0] = inside
return attn[:, 0, 0]
'''
_MASS_CENTRED = _swap(_MASS, "attn[i, row:row + size, col:col + size]",
                      "attn[i, row - size // 2:row + size // 2 + 1, col - size // 2:col + size // 2 + 1]")
_MASS_NORMALISED = _swap(_MASS, "masses = [attn[i,", "attn = attn / attn.sum(dim=(1, 2), keepdim=True)\nmasses = [attn[i,")
_MASS_LIST = _swap(_MASS, "return torch.stack(masses)", "return [float(m) for m in masses]")
_MASS_ROWS_ONLY = _swap(_MASS, "if tuple(boxes.shape) != (attn.shape[0], 2):", "if len(boxes) != len(attn):")
_MASS_POOL = '''
if attn.dim() != 3:
    raise ValueError("attn phải là tensor 3 chiều (B, H, W)")
if boxes.shape != (attn.shape[0], 2):
    raise ValueError("boxes phải có dạng (B, 2)")
window_sums = F.avg_pool2d(attn[:, None], size, stride=1)[:, 0] * size * size  # tổng của mọi ô size×size
return window_sums[torch.arange(len(attn)), boxes[:, 0], boxes[:, 1]]
'''
_MASS_MASK = '''
if attn.dim() != 3:
    raise ValueError("cần attn 3 chiều (B, H, W)")
if boxes.dim() != 2 or boxes.shape[0] != attn.shape[0] or boxes.shape[1] != 2:
    raise ValueError("boxes phải có dạng (B, 2)")
_, height, width = attn.shape
rows = torch.arange(height)[None, :, None]
cols = torch.arange(width)[None, None, :]
top, left = boxes[:, 0, None, None], boxes[:, 1, None, None]
mask = (rows >= top) & (rows < top + size) & (cols >= left) & (cols < left + size)
return (attn * mask).sum(dim=(1, 2))
'''
_MASS_LOOPS = '''
if len(attn.shape) != 3:
    raise ValueError("attn phải 3 chiều")
if len(boxes) != len(attn) or boxes.shape[-1] != 2:
    raise ValueError("số hàng của boxes phải bằng số ảnh, mỗi hàng 2 số")
result = torch.zeros(len(attn))
for i in range(len(attn)):
    top, left = int(boxes[i, 0]), int(boxes[i, 1])
    for r in range(top, top + size):
        for c in range(left, left + size):
            result[i] += attn[i, r, c]
return result
'''

# ---------------------------------------------------------------- Câu 5: LocatorNet
_NET_INIT = '''
self.features = nn.Sequential(nn.Conv2d(3, 16, kernel_size=3, padding=1), nn.ReLU())
self.pool = AttentionPool(16, KEY_DIM)
self.head = nn.Linear(16, 2)
'''
_NET_FORWARD = '''
pooled, attn = self.pool(self.features(x))
return self.head(pooled), attn
'''
_TRAIN = '''
torch.manual_seed(seed)
model = LocatorNet()
fit(model, X, y, steps=TRAIN_STEPS, lr=0.02, seed=seed)
return model.eval()
'''
_NET_INIT_PIXELS = '''
self.features = nn.Sequential(nn.Conv2d(3, 16, kernel_size=3, padding=1), nn.ReLU())
self.proj = nn.Linear(3, 64)  # chiếu màu của từng điểm ảnh lên 64 chiều
self.query = nn.Parameter(torch.randn(64) / 8)
self.head = nn.Linear(16, 2)
'''
_NET_FORWARD_PIXELS = '''
feats = self.features(x)
batch, _, height, width = feats.shape
keys = torch.relu(self.proj(x.flatten(2).transpose(1, 2)))   # (B, L, 64), khóa từ màu điểm ảnh
attn = torch.softmax(keys @ self.query / 8, dim=1)            # (B, L)
pooled = torch.einsum("bl,bcl->bc", attn, feats.flatten(2))
return self.head(pooled), attn.reshape(batch, height, width)
'''
_NET_FORWARD_MEAN = '''
feats = self.features(x)
batch, _, height, width = feats.shape
attn = torch.full((batch, height, width), 1.0 / (height * width), device=x.device)
return self.head(feats.mean(dim=(2, 3))), attn
'''
_NET_FORWARD_CHANNEL_SOFTMAX = '''
feats = self.features(x)
keys = self.pool.key(feats)                                    # (B, d, H, W)
weights = torch.softmax(keys * self.pool.query[None, :, None, None], dim=1)  # softmax theo kênh
attn = weights.mean(dim=1)                                     # (B, H, W)
return self.head((feats * attn[:, None]).sum(dim=(2, 3))), attn
'''
_NET_FORWARD_FIXED_SIZE = '''
pooled, attn = self.pool(self.features(x))
return self.head(pooled), attn.view(-1, 14, 14)
'''
_TRAIN_FEW_STEPS = _swap(_TRAIN, "steps=TRAIN_STEPS", "steps=15")
_TRAIN_TINY_LR = _swap(_TRAIN, "lr=0.02", "lr=1e-5")
_TRAIN_NO_EVAL = _swap(_TRAIN, "return model.eval()", "return model")
_NET_INIT_RAW = '''
self.pool = AttentionPool(3, KEY_DIM)  # chú ý thẳng trên ảnh, không có tầng tích chập
self.head = nn.Linear(3, 2)
'''
_NET_FORWARD_RAW = '''
pooled, attn = self.pool(x)
return self.head(pooled), attn
'''
_NET_FORWARD_UNUSED_ATTN = '''
feats = self.features(x)
_, attn = self.pool(feats)                  # chú ý được tính nhưng logits không đi qua nó
return self.head(feats.mean(dim=(2, 3))), attn
'''
_TRAIN_EVAL_FALSE = _swap(_TRAIN, "return model.eval()", "model.train(False)\nreturn model")
_NET_INIT_SPLIT = '''
self.conv = nn.Conv2d(3, 16, 3, padding=1, bias=False)
self.pool = AttentionPool(16, 8)
self.head = nn.Linear(16, 2)
'''
_NET_FORWARD_SPLIT = '''
pooled, attn = self.pool(F.relu(self.conv(x)))
logits = self.head(pooled)
return logits, attn
'''

# ---------------------------------------------------------------- Câu 6: batch dependency and the fix
_DEP = '''
probe = x.detach().clone().requires_grad_(True)
out = model(probe)[0]
(grad,) = torch.autograd.grad(out[index].sum(), probe)
return grad.flatten(1).norm(dim=1)
'''
_FIXED = '''
batch, channels, height, width = x.shape
seq = x.flatten(2).permute(2, 0, 1)                     # (L, B, C): hoán vị chiều, không reshape
query = self.query.expand(1, batch, channels)           # (1, B, C)
out, weights = self.attention(query, seq, seq)         # (1, B, C), (B, 1, L)
return out[0], weights.reshape(batch, height, width)
'''
_SEQ = "seq = x.flatten(2).permute(2, 0, 1)                     # (L, B, C): hoán vị chiều, không reshape"
_FIXED_UNCHANGED = _swap(_FIXED, _SEQ, "seq = x.flatten(2).transpose(1, 2).reshape(height * width, batch, channels)")
_FIXED_VIEW = _swap(_FIXED, _SEQ, "seq = x.flatten(2).transpose(1, 2).contiguous().view(height * width, batch, channels)")
_FIXED_RESHAPE_X = _swap(_FIXED, _SEQ, "seq = x.reshape(height * width, batch, channels)")
_FIXED_BATCH_FIRST = _swap(_FIXED, _SEQ, "seq = x.flatten(2).transpose(1, 2)  # (B, L, C)")
_FIXED_WRONG_PERMUTE = _swap(_FIXED, _SEQ, "seq = x.flatten(2).permute(2, 1, 0)")
_FIXED_PERMUTE_RESHAPE = _swap(_FIXED, _SEQ, "seq = x.permute(2, 3, 0, 1).reshape(height * width, batch, channels)")
_FIXED_DOUBLE_TRANSPOSE = _swap(_FIXED, _SEQ, "seq = x.flatten(2).transpose(1, 2).transpose(0, 1)")
_DEP_ALL_OUTPUTS = _swap(_DEP, "out[index].sum()", "out.sum()")
_DEP_CALLERS_X = '''
x.requires_grad_(True)
out = model(x)[0]
(grad,) = torch.autograd.grad(out[index].sum(), x)
return grad.flatten(1).norm(dim=1)
'''
_DEP_BACKWARD = '''
probe = x.detach().clone().requires_grad_(True)
model(probe)[0][index].sum().backward()
return probe.grad.flatten(1).norm(dim=1)
'''
_DEP_SCALAR = _swap(_DEP, "return grad.flatten(1).norm(dim=1)", "return grad.norm()")
_DEP_NO_PER_SAMPLE = _swap(_DEP, "return grad.flatten(1).norm(dim=1)",
                           "return torch.zeros(len(x)).index_fill(0, torch.tensor([index]), float(grad.norm()))")
_DEP_BACKWARD_CLEAN = '''
probe = x.detach().clone().requires_grad_(True)
model(probe)[0][index].sum().backward()
model.zero_grad(set_to_none=True)
return torch.stack([g.norm() for g in probe.grad])
'''
_DEP_OUTPUT_COLUMN = _swap(_DEP, "out[index].sum()", "out[:, index].sum()")
_DEP_NO_REQUIRES_GRAD = _swap(_DEP, "probe = x.detach().clone().requires_grad_(True)", "probe = x.detach().clone()")
_DEP_L1 = _swap(_DEP, "return grad.flatten(1).norm(dim=1)", "return grad.abs().flatten(1).sum(dim=1)  # chuẩn L1")
_FIXED_LOOP = '''
pieces = [super(FixedSeqFirstPool, self).forward(image[None]) for image in x]  # batch 1: không có lỗi
out = torch.cat([piece[0] for piece in pieces])
attn = torch.cat([piece[1] for piece in pieces])
return out, attn
'''

WRONG_ANSWERS = {
    "1": [
        ("no division by sqrt(d)", [None, _F_NO_SQRT], "KHÔNG chia √d"),
        ("divides by d instead of sqrt(d)", [None, _F_DIV_D], "query · key[:, l] chia √d"),
        ("softmax over the batch", [None, _F_SOFTMAX_BATCH], "softmax theo chiều vị trí"),
        ("softmax over the key channels", [None, _F_SOFTMAX_CHANNELS], "softmax theo chiều vị trí"),
        ("reshape of keys mixes channels and positions", [None, _F_RESHAPE_KEYS], "query · key[:, l]"),
        ("positions-first reshape then view mixes batch and positions", [None, _F_MIXES_BATCH],
         "đang trộn các ảnh trong batch"),
        ("pools the keys instead of the features", [None, _F_POOLS_KEYS], "out phải có dạng"),
        ("attention returned as (B, L)", [None, _F_FLAT_ATTN], "attn phải có dạng"),
        ("no input checks", [None, _F_NO_CHECKS], "thiếu: '4 chiều'"),
        ("vague error messages", [None, _F_VAGUE], "chưa nói rõ"),
        ("normalises the caller's x in place", [None, _F_INPLACE], "đã sửa x"),
        ("query as a plain tensor", [_I_TENSOR_QUERY, None], "nn.Parameter"),
        ("key as nn.Linear", [_I_LINEAR_KEY, None], "nn.Conv2d"),
        ("softmax over H only", [None, _F_SOFTMAX_H], "softmax theo chiều vị trí"),
        ("attention computed on a detached key", [None, _F_DETACHED_KEYS], "torch.no_grad()"),
        ("detached query in the scores", [None, _F_DETACHED_QUERY], "torch.no_grad()"),
        ("values taken from a detached x", [None, _F_DETACHED_VALUES], "gradient theo x"),
        ("scores computed under torch.no_grad()", [None, _F_NO_GRAD_SCORES], "torch.no_grad()"),
        ("divides by sqrt(C) instead of sqrt(d)", [None, _F_SQRT_C], "query · key[:, l] chia √d"),
        ("attention map reshaped as (B, W, H) then transposed", [None, _F_ATTN_WH], "thứ tự của flatten"),
    ],
    "2": [
        ("count forgets the key bias", ["return key_dim * in_channels + key_dim", None], "hệ số điều chỉnh của key"),
        ("count forgets the query", ["return key_dim * in_channels + key_dim + 0", None], "truy vấn (d)"),
        ("count counts a value projection too",
         ["return key_dim * in_channels + 2 * key_dim + in_channels * in_channels", None], "không có gì khác"),
        ("count as a float", ["return float(key_dim * (in_channels + 2))", None], "phải trả về int"),
        ("largest d one too big", [None, _swap(_LARGEST, "return budget // per_dim", "return budget // per_dim + 1")],
         "vượt ngân sách"),
        ("largest d from the key weights only", [None, _swap(_LARGEST, "return budget // per_dim",
                                                             "return budget // in_channels")], "vượt ngân sách"),
        ("largest d rounded down to a power of two",
         [None, _swap(_LARGEST, "return budget // per_dim", "return 2 ** int(math.log2(budget // per_dim))")],
         "cần d LỚN NHẤT"),
        ("returns the parameter count", [None, _swap(_LARGEST, "return budget // per_dim",
                                                     "return (budget // per_dim) * per_dim")], "vượt ngân sách"),
        ("no error when even d = 1 is too big", [None, "return budget // count_block_params(in_channels, 1)"],
         "không báo lỗi nào"),
        ("query counted with C entries", ["return key_dim * in_channels + key_dim + in_channels", None], "truy vấn (d)"),
        ("count right only when C = d", ["return key_dim * key_dim + 2 * key_dim", None], "trọng số của key (d·C)"),
        ("largest d forgets the query", [None, '''per_dim = in_channels + 1  # trọng số và hệ số điều chỉnh của key
if per_dim > budget:
    raise ValueError("ngân sách quá nhỏ")
return budget // per_dim'''], "vượt ngân sách"),
        ("largest d as a float", [None, _swap(_LARGEST, "return budget // per_dim", "return budget / per_dim")],
         "int ≥ 1"),
        ("largest d rounded up", [None, _swap(_LARGEST, "return budget // per_dim", "return -(-budget // per_dim)")],
         "vượt ngân sách"),
        ("strict comparison in a loop", [None, '''d = 0
while count_block_params(in_channels, d + 1) < budget:
    d += 1
if d == 0:
    raise ValueError("ngân sách quá nhỏ")
return d'''], "dù d = 1 vừa ngân sách"),
    ],
    "3": [
        ("every saved tensor counted, no deduplication", [_SAVED_NO_DEDUPE, None], "mỗi vùng nhớ đếm một lần"),
        ("4 bytes per value whatever the dtype", [_SAVED_FOUR_BYTES, None], "8 byte một số"),
        ("deduplicated by Python object, not by storage", [_SAVED_BY_ID, None], "đếm một lần"),
        ("bytes of the output instead of the saved tensors", [_SAVED_OUTPUT_ONLY, None], "cần 140"),
        ("views deduplicated by tensor.data_ptr(), storage size counted per view", [_SAVED_BY_TENSOR_PTR, None],
         "hai view khác nhau"),
        ("storage deduplicated but sized by the first view seen", [_SAVED_VIEW_SIZE, None], "storage.nbytes() của cả vùng nhớ"),
        ("the inputs counted again on top", [_SAVED_PLUS_INPUTS, None], "mỗi vùng nhớ đếm một lần"),
        ("fn called after the with block", [_SAVED_OUTSIDE, None], "BÊN TRONG khối"),
        ("estimate measured by running the model", [None, _EST_BY_RUNNING], "thay vì tính bằng công thức"),
        ("estimate assumes square images", [None, _EST_SQUARE], "B·H·W·D"),
        ("estimate forgets the batch", [None, _EST_NO_BATCH], "nhân với số ảnh"),
        ("estimate counts the ReLU output twice", [None, _EST_RELU_TWICE], "lưu một lần dù hai phép dùng nó"),
        ("estimate in bits", [None, _EST_BITS], "không phải bit"),
        ("estimate counts parameters only", [None, _EST_PARAMS], "B·H·W·D"),
        ("estimate ignores bytes_per_value", [None, _EST_ALWAYS_FP32], "2 byte/số"),
        ("estimate in GiB", [None, _EST_GIB], "đơn vị là byte"),
    ],
    "4": [
        ("rows and columns swapped", _MASS_TRANSPOSED, "hàng là chiều H"),
        ("box one pixel too small", _MASS_OFF_BY_ONE, "đúng size hàng và size cột"),
        ("mean inside the box", _MASS_MEAN, "TRUNG BÌNH"),
        ("size fixed to 3", _MASS_FIXED_SIZE, "dùng tham số size"),
        ("mean over the batch", _MASS_BATCH_MEAN, "một số cho mỗi ảnh"),
        ("no check that attn is 3-D", _MASS_NO_NDIM, "thay vì ValueError"),
        ("no check of the boxes' shape", _MASS_NO_BOXES_CHECK, "không báo lỗi nào"),
        ("writes into the caller's attn", _MASS_INPLACE, "đã sửa attn"),
        ("box centred on boxes[i] instead of starting there", _MASS_CENTRED, "lát cắt row:row + size"),
        ("attention renormalised to sum 1 first", _MASS_NORMALISED, "lát cắt row:row + size"),
        ("a list of floats instead of a tensor", _MASS_LIST, "cần tensor dạng"),
        ("boxes checked for their length only", _MASS_ROWS_ONLY, "chưa nói rõ"),
    ],
    "5": [
        ("keys from the pixels' colours (Linear 3 -> 64 per position)", [_NET_INIT_PIXELS, _NET_FORWARD_PIXELS, None],
         "chú ý còn tản"),
        ("global average pooling (uniform attention)", [None, _NET_FORWARD_MEAN, None],
         "chú ý còn tản"),
        ("softmax over the key channels", [None, _NET_FORWARD_CHANNEL_SOFTMAX, None], "tổng chú ý mỗi ảnh phải bằng 1"),
        ("attention map reshaped to a hard-coded 14×14", [None, _NET_FORWARD_FIXED_SIZE, None],
         "chạy với mọi kích thước ảnh"),
        ("too few training steps", [None, None, _TRAIN_FEW_STEPS], "kiểm tra số bước huấn luyện"),
        ("learning rate far too small", [None, None, _TRAIN_TINY_LR], "chú ý còn tản"),
        ("model returned in train mode", [None, None, _TRAIN_NO_EVAL], "chế độ eval"),
        ("attention block over the parameter budget, d = 32",
         [_swap(_NET_INIT, "AttentionPool(16, KEY_DIM)", "AttentionPool(16, 32)"), None, None], "vượt ngân sách 200"),
        ("attention pooling straight on the image (keys from colours, no conv)", [_NET_INIT_RAW, _NET_FORWARD_RAW, None],
         "chú ý còn tản"),
        ("attention computed, logits from average pooling", [None, _NET_FORWARD_UNUSED_ATTN, None],
         "logits phải đi qua vector mà AttentionPool gộp"),
    ],
    "6": [
        ("fix keeps a view (same bug)", [None, _FIXED_VIEW], "không phải reshape/view"),
        ("reshape of x straight to (L, B, C)", [None, _FIXED_RESHAPE_X], "không phải reshape/view"),
        ("sequence left batch-first for a sequence-first layer", [None, _FIXED_BATCH_FIRST], "cần chuỗi dạng (L, B, C)"),
        ("permute(2, 1, 0) gives (L, C, B)", [None, _FIXED_WRONG_PERMUTE], "cần chuỗi dạng (L, B, C)"),
        ("gradient of one output channel, out[:, index]", [_DEP_OUTPUT_COLUMN, None], "đầu ra của MỘT ảnh"),
        ("copy of x without requires_grad", [_DEP_NO_REQUIRES_GRAD, None], "requires_grad_(True)"),
        ("forward copied unchanged", [None, _FIXED_UNCHANGED], "nơi lỗi"),
        ("gradient of every output, not out[index]", [_DEP_ALL_OUTPUTS, None], "truyền ngược từ out[index]"),
        ("turns on requires_grad of the caller's x", [_DEP_CALLERS_X, None], "đã sửa x của người gọi"),
        ("backward() leaves .grad on the parameters", [_DEP_BACKWARD, None], "để lại .grad trên tham số"),
        ("one norm for the whole batch", [_DEP_SCALAR, None], "một số cho mỗi ảnh"),
        ("per-sample norms not computed", [_DEP_NO_PER_SAMPLE, None], "chuẩn gradient theo TỪNG ảnh"),
    ],
}

CORRECT_ANSWERS = {
    "1": [
        ("matmul, bmm, F.softmax, view/transpose", [None, _F_MATMUL]),
        ("a loop over images with a hand-written softmax", [None, _F_LOOP]),
        ("no key bias, query initialised to zeros", [_I_NO_BIAS_ZERO_QUERY, None]),
        ("F.conv2d with the key's weights, log_softmax().exp()", [None, _F_CONV_LOGSOFTMAX]),
        ("scores kept as (B, H, W), softmax on the flattened view, unflatten", [None, _F_UNFLATTEN]),
    ],
    "2": [
        ("factored formula", ["return key_dim * (in_channels + 2)", None]),
        ("count from the module's parameters, largest d by a loop", [
            "return int(sum(p.numel() for p in AttentionPool(in_channels, key_dim).parameters()))",
            '''if count_block_params(in_channels, 1) > budget:
    raise ValueError("Ngân sách quá nhỏ, kể cả với d = 1")
d = 1
while count_block_params(in_channels, d + 1) <= budget:
    d += 1
return d''']),
        ("math.floor of a true division", [None, _swap(_LARGEST, "return budget // per_dim",
                                                        "return math.floor(budget / per_dim)")]),
        ("largest d by binary search", [None, '''if count_block_params(in_channels, 1) > budget:
    raise ValueError(f"ngân sách {budget} nhỏ hơn khối nhỏ nhất")
low, high = 1, budget + 1
while high - low > 1:
    mid = (low + high) // 2
    if count_block_params(in_channels, mid) <= budget:
        low = mid
    else:
        high = mid
return low''']),
    ],
    "3": [
        ("set of data pointers, sizes summed afterwards; dominant term only", ['''
seen = {}
def remember(t):
    s = t.untyped_storage()
    seen.setdefault(s.data_ptr(), s.nbytes())
    return t
with torch.autograd.graph.saved_tensors_hooks(remember, lambda t: t):
    fn(*inputs)
return sum(seen.values())''', "return batch * height * width * proj_dim * bytes_per_value"]),
        ("storages kept in a list, deduplicated afterwards, size() in bytes", ['''
kept = []
with torch.autograd.graph.saved_tensors_hooks(lambda t: kept.append(t.untyped_storage()) or t, lambda t: t):
    fn(*inputs)
unique = {s.data_ptr(): s.size() for s in kept}  # UntypedStorage.size() đếm byte
return sum(unique.values())''', None]),
        ("estimate with exact terms as a float", [None, '''
return float(bytes_per_value * (batch * height * width * (proj_dim + 4) + proj_dim))''']),
    ],
    "4": [
        ("boolean mask with broadcasting", _MASS_MASK),
        ("explicit loops", _MASS_LOOPS),
        ("sliding-window sums with avg_pool2d, then gathered", _MASS_POOL),
    ],
    "5": [
        ("conv without bias, F.relu in forward, d = 8", [_NET_INIT_SPLIT, _NET_FORWARD_SPLIT, None]),
        ("model.train(False) instead of model.eval()", [None, None, _TRAIN_EVAL_FALSE]),
    ],
    "6": [
        ("permute of the 4-D map, then reshape of adjacent H, W", [None, _FIXED_PERMUTE_RESHAPE]),
        ("two transposes", [None, _FIXED_DOUBLE_TRANSPOSE]),
        ("L1 norm of each image's gradient", [_DEP_L1, None]),
        ("per-image loop over the colleague's forward", [None, _FIXED_LOOP]),
        ("backward() then zero_grad(set_to_none=True)", [_DEP_BACKWARD_CLEAN, None]),
    ],
}
